// "Send test records" to a stream source: the running pipes on it read them from their starting positions.
import { readJsonBody, route } from "@/lib/boundary";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { parseTestRecords } from "@/lib/emulator/pipes/source";

export const POST = route(async (request: Request) => {
  const { source, records } = parseTestRecords(await readJsonBody(request));
  const runtime = await getBusRuntime();
  const accepted = runtime.pipes.putTestRecords(source, records);
  // Answer once the running pipes have read them, so the Events page shows their runs.
  await runtime.pipes.settled();
  return Response.json({ accepted }, { status: 202 });
});
