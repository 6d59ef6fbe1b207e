import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <ComingSoon title="Settings">
      Connection settings for AWS (region, profile, endpoint override) and for the local bus.
    </ComingSoon>
  );
}
