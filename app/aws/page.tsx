import Link from "next/link";
import { CapturePanel } from "@/components/aws/capture-panel";
import { ImportPanel } from "@/components/aws/import-panel";
import { SchemaRegistryPanel } from "@/components/aws/schema-registry-panel";

export const metadata = { title: "AWS" };

export default function AwsPage() {
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">AWS</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Import an account&apos;s buses, rules and targets as a design; push a design back with{" "}
          <span className="font-medium">Push to AWS</span> in the designer (a plan first); capture an archive&apos;s or a bus&apos;s events into Switchyard; browse the schema registry and send a sample event to the lab.
          The connection is set in{" "}
          <Link href="/settings" className="text-indigo-700 underline dark:text-indigo-300">
            Settings → AWS
          </Link>
          .
        </p>
      </div>
      <ImportPanel />
      <CapturePanel />
      <SchemaRegistryPanel />
    </section>
  );
}
