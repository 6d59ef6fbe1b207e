import { ConnectionSettings } from "@/components/aws/connection-settings";

export const metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <ConnectionSettings />
    </section>
  );
}
