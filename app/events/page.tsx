import { EventsExplorer } from "@/components/events/events-explorer";
import type { EventFilters } from "@/components/events/api";

export const metadata = { title: "Events" };

const FILTERS = ["from", "to", "bus", "source", "detailType", "text", "pattern"] as const satisfies readonly (keyof EventFilters)[];

/** `/events?text=…` (and any other filter) opens the page filtered: "See it in Events" links to one event so. */
export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const initial = Object.fromEntries(FILTERS.flatMap((key) => (typeof query[key] === "string" ? [[key, query[key]]] : [])));
  return <EventsExplorer initial={initial} />;
}
