import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "Events" };

export default function EventsPage() {
  return (
    <ComingSoon title="Events">
      Browse, filter and replay the events archived by the local EventBridge bus, with the rules each one matched.
    </ComingSoon>
  );
}
