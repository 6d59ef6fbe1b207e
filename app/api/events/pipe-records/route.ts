// "Send test records" to a stream source: the running pipes on it read them from their starting positions.
import { readJsonBody, route } from "@/lib/boundary";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { parseTestRecords } from "@/lib/emulator/pipes/source";

export const POST = route(async (request: Request) => {
  const { source, records } = parseTestRecords(await readJsonBody(request));
  const runtime = await getBusRuntime();
  return Response.json({ accepted: runtime.pipes.putTestRecords(source, records) }, { status: 202 });
});
