import { EventsExplorer } from "@/components/events/events-explorer";
import { PipeRuns } from "@/components/events/pipe-runs";
import type { EventFilters } from "@/components/events/api";

export const metadata = { title: "Events" };

const FILTERS = ["from", "to", "bus", "source", "detailType", "text", "pattern"] as const satisfies readonly (keyof EventFilters)[];

/**
 * `/events?text=…` (and any other filter) opens the page filtered: "See it in Events" links to one event so.
 * The local pipes' runs come first (`?pipe=<arn>`: that pipe's), once any pipe has run.
 */
export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const initial = Object.fromEntries(FILTERS.flatMap((key) => (typeof query[key] === "string" ? [[key, query[key]]] : [])));
  const pipe = typeof query.pipe === "string" && query.pipe !== "" ? query.pipe : undefined;
  return (
    <>
      <PipeRuns pipeArn={pipe} />
      <EventsExplorer initial={initial} />
    </>
  );
}
