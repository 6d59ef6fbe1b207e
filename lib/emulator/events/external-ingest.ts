/**
 * Events from a real AWS account: an EventBridge API destination posts each matched event (the
 * whole event, as AWS sends it by default) to the ingest route, which stores it on a local bus
 * with its original id, account and time, and runs it through that bus's local rules.
 */
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { fromZodError, NotFoundError, ValidationError } from "../../errors";
import { busArn, DEFAULT_BUS } from "../../arn";
import { ingestEvents } from "./ingest";
import { MAX_ENTRY_BYTES } from "./operations/put-events";
import type { BusRuntime } from "../runtime";

/** Whether the request carries the configured token (`Authorization: Bearer …` or `x-switchyard-token`). */
export function hasIngestToken(headers: Headers, token: string | undefined): boolean {
  if (token === undefined) return false;
  const bearer = headers.get("authorization")?.replace(/^Bearer\s+/i, "");
  const given = headers.get("x-switchyard-token") ?? bearer ?? "";
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(token, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

const eventSchema = z.looseObject({
  id: z.string().min(1).optional(),
  "detail-type": z.string().min(1),
  source: z.string().min(1),
  time: z.iso.datetime({ offset: true }).optional(),
  detail: z.record(z.string(), z.unknown()),
});

export async function ingestExternalEvent(runtime: BusRuntime, bodyText: string, busName: string = DEFAULT_BUS): Promise<string> {
  if (Buffer.byteLength(bodyText, "utf8") > MAX_ENTRY_BYTES) {
    throw new ValidationError(`The event is larger than ${MAX_ENTRY_BYTES} bytes.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    throw new ValidationError("The body is not JSON; expected an EventBridge event object.");
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) throw fromZodError(parsed.error, "event");
  const scope = runtime.scopeFor(undefined);
  await runtime.ensureAccount(scope);
  const arn = busArn(scope, busName);
  if (!(await runtime.busExists(arn))) throw new NotFoundError(`Event bus ${busName} does not exist.`);
  const eventId = parsed.data.id ?? crypto.randomUUID();
  const now = new Date();
  const result = await ingestEvents(runtime, [
    {
      eventId,
      busArn: arn,
      source: parsed.data.source,
      detailType: parsed.data["detail-type"],
      time: parsed.data.time === undefined ? now : new Date(parsed.data.time),
      ingestedAt: now,
      text: bodyText.trim(),
    },
  ]);
  if (result.pending > 0) runtime.dispatcher.wake();
  return eventId;
}
