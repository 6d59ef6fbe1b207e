// POST /api/lab/verify { pattern, events: [{ id, name, text }] }: the real TestEventPattern on each
// event (through the server's AWS connection) and every disagreement with the local verdicts,
// which the server computes itself. 409 when AWS is not configured on this server.
import { z } from "zod";
import { currentAwsConnection, eventBridgeClientFor } from "@/lib/aws/connection";
import { readJsonBody, route } from "@/lib/boundary";
import { ConflictError } from "@/lib/errors";
import { EVENT_PATTERN_MAX_LENGTH } from "@/lib/limits";
import { evaluateLab, type LabEvent } from "@/lib/lab";
import { verifyWithAws } from "@/lib/lab/verify";

export const dynamic = "force-dynamic";

/** TestEventPattern is rate limited per account: one verification asks about at most this many events. */
const MAX_VERIFY_EVENTS = 200;

const bodySchema = z.strictObject({
  pattern: z.string().max(EVENT_PATTERN_MAX_LENGTH),
  events: z
    .array(z.object({ id: z.string().min(1).max(200), name: z.string().max(1000), text: z.string().max(256 * 1024) }))
    .min(1, "there are no events to verify")
    .max(MAX_VERIFY_EVENTS, `verify at most ${MAX_VERIFY_EVENTS} events at once`),
});

export const POST = route(async (request: Request) => {
  const body = bodySchema.parse(await readJsonBody(request));
  const connection = await currentAwsConnection();
  if (connection === null) {
    throw new ConflictError("AWS is not configured on this server: set AWS_REGION (and credentials through the usual AWS chain) to verify with AWS.");
  }
  const events: LabEvent[] = body.events.map((e) => ({ ...e, origin: "pasted" }));
  const local = evaluateLab(body.pattern, events, { maxLength: EVENT_PATTERN_MAX_LENGTH });
  const localResults = (local.results ?? []).map((r) => ({ eventId: r.eventId, matched: r.matched, ...(r.error === undefined ? {} : { error: r.error }) }));
  const report = await verifyWithAws(eventBridgeClientFor(connection), body.pattern, events, localResults, { signal: request.signal });
  return Response.json({ ...report, localPatternValid: local.validation.valid });
});
