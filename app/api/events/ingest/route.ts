// Ingest route for real AWS accounts: an API destination posts events here with the configured
// token (SWITCHYARD_INGEST_TOKEN); `?bus=<name>` picks the local bus (default bus otherwise).
import { route } from "@/lib/boundary";
import { DomainError, NotFoundError } from "@/lib/errors";
import { hasIngestToken, ingestExternalEvent } from "@/lib/emulator/events/external-ingest";
import { getBusRuntime } from "@/lib/emulator/runtime";

export const POST = route(async (request: Request) => {
  const runtime = await getBusRuntime();
  if (runtime.config.ingestToken === undefined) throw new NotFoundError("Ingest is off: set SWITCHYARD_INGEST_TOKEN to turn it on.");
  if (!hasIngestToken(request.headers, runtime.config.ingestToken)) throw new DomainError("unauthorized", "Missing or wrong ingest token.", 401);
  const bus = new URL(request.url).searchParams.get("bus") ?? undefined;
  const eventId = await ingestExternalEvent(runtime, await request.text(), bus);
  return Response.json({ eventId }, { status: 201 });
});
