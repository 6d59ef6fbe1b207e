import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "AWS" };

export default function AwsPage() {
  return (
    <ComingSoon title="AWS">
      Import an account&apos;s buses, rules and targets, review a plan of changes, and push a design.
    </ComingSoon>
  );
}
