// Ingest route for real AWS accounts: an API destination posts events here with the configured
// token (SWITCHYARD_INGEST_TOKEN); `?bus=<name>` picks the local bus (default bus otherwise).
import { ingestExternalEvent, hasIngestToken } from "@/lib/emulator/events/external-ingest";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { errorResponse } from "@/lib/errors";

export async function POST(request: Request): Promise<Response> {
  try {
    const runtime = await getBusRuntime();
    if (runtime.config.ingestToken === undefined) {
      return Response.json({ error: { code: "not_found", message: "Ingest is off: set SWITCHYARD_INGEST_TOKEN to turn it on." } }, { status: 404 });
    }
    if (!hasIngestToken(request.headers, runtime.config.ingestToken)) {
      return Response.json({ error: { code: "unauthorized", message: "Missing or wrong ingest token." } }, { status: 401 });
    }
    const bus = new URL(request.url).searchParams.get("bus") ?? undefined;
    const eventId = await ingestExternalEvent(runtime, await request.text(), bus);
    return Response.json({ eventId }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
