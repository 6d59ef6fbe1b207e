// One stored event with the rules it matched and its deliveries.
import { route } from "@/lib/boundary";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { eventDetail } from "@/lib/explorer/index";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const runtime = await getBusRuntime();
  return Response.json(await eventDetail(runtime.db, (await params).id));
});
