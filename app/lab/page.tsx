import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "Lab" };

export default function LabPage() {
  return (
    <ComingSoon title="Pattern lab">
      Test event patterns live against many sample events, see why each one does or does not match, and build
      patterns by clicking fields of an event.
    </ComingSoon>
  );
}
