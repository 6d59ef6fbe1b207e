// The events explorer's list: stored events, newest first, filtered (see lib/explorer).
import { route } from "@/lib/boundary";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { parseEventFilter, queryEvents } from "@/lib/explorer/index";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const filter = parseEventFilter(new URL(request.url).searchParams);
  const runtime = await getBusRuntime();
  const [page, buses] = await Promise.all([
    queryEvents(runtime.db, filter),
    runtime.db.eventBus.findMany({ orderBy: { arn: "asc" }, select: { arn: true } }),
  ]);
  return Response.json({ ...page, buses: buses.map((b) => b.arn) });
});
