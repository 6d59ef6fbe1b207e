import { EventsExplorer } from "@/components/events/events-explorer";

export const metadata = { title: "Events" };

export default function EventsPage() {
  return <EventsExplorer />;
}
