/**
 * PutEvents (and, through putEntries, PutPartnerEvents): each entry up to 1 MB (AWS's entry size:
 * Source, DetailType, Detail and Resources in UTF-8 bytes, plus 14 for a Time). A bad entry fails
 * alone, reported in `Entries` with `FailedEntryCount`; the accepted ones are in the database
 * before the answer. An entry for a bus that does not exist gets an EventId and goes nowhere, as
 * on AWS.
 */
import { InvalidEventError } from "../../../pattern";
import { busArn, resolveBusName } from "../../../arn";
import { isJsonObject } from "../../../format";
import { buildEnvelope } from "../event-envelope";
import { ingestEvents, type AcceptedEvent } from "../ingest";
import type { Params } from "../../protocol/params";
import type { Operation, OperationContext } from "./context";

export const MAX_ENTRY_BYTES = 1024 * 1024;

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** One entry refused, with AWS's per-entry ErrorCode. */
export class EntryFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Where an entry goes: its bus's ARN (undefined: nowhere) and the account its event names. Throws
 * an EntryFailure for an entry that may not go there.
 */
export type EntryDestination = (entry: Params, source: string) => Promise<{ busArn: string | undefined; account: string }>;

export const putEvents: Operation = (params, context) =>
  putEntries(params.list("Entries"), context, async (entry, source) => {
    if (source.startsWith("aws.")) throw new EntryFailure("NotAuthorizedForSourceException", "Not authorized for the source.");
    const resolved = resolveBusName(context.scope, entry.optionalString("EventBusName"));
    const arn = busArn(resolved.scope, resolved.name);
    return { busArn: (await context.runtime.busExists(arn)) ? arn : undefined, account: context.scope.account };
  });

export async function putEntries(entries: Params[], context: OperationContext, destination: EntryDestination): Promise<Record<string, unknown>> {
  const now = new Date();
  const results: EntryResult[] = [];
  const accepted: { index: number; event: AcceptedEvent }[] = [];
  for (const entry of entries) {
    try {
      const { eventId, event } = await readEntry(entry, context, destination, now);
      if (event !== undefined) accepted.push({ index: results.length, event });
      results.push({ EventId: eventId });
    } catch (error) {
      if (!(error instanceof EntryFailure)) throw error;
      results.push({ ErrorCode: error.code, ErrorMessage: error.message });
    }
  }
  if (accepted.length > 0) {
    const ingested = await ingestEvents(context.runtime, accepted.map((a) => a.event));
    if (ingested.pending > 0) context.runtime.dispatcher.wake();
  }
  return { FailedEntryCount: results.filter((r) => "ErrorCode" in r).length, Entries: results };
}

function required(entry: Params, member: string): string {
  const value = entry.optionalString(member);
  if (value === undefined || value === "") {
    throw new EntryFailure("InvalidArgument", `Parameter ${member} is not valid. Reason: ${member} is a required argument.`);
  }
  return value;
}

/** AWS's PutEventsRequestEntry size. */
export function entrySize(entry: { source: string; detailType: string; detail: string; resources: readonly string[]; hasTime: boolean }): number {
  const bytes = (text: string) => Buffer.byteLength(text, "utf8");
  return (
    (entry.hasTime ? 14 : 0) +
    bytes(entry.source) +
    bytes(entry.detailType) +
    bytes(entry.detail) +
    entry.resources.reduce((sum, r) => sum + bytes(r), 0)
  );
}

/** An accepted entry's id, and its event unless its bus does not exist (then it goes nowhere). */
async function readEntry(entry: Params, context: OperationContext, destination: EntryDestination, now: Date): Promise<{ eventId: string; event?: AcceptedEvent }> {
  const resources = entry.stringList("Resources");
  const time = entry.optionalDate("Time");
  const source = required(entry, "Source");
  const detailType = required(entry, "DetailType");
  const detail = required(entry, "Detail");
  const size = entrySize({ source, detailType, detail, resources, hasTime: time !== undefined });
  if (size > MAX_ENTRY_BYTES) {
    throw new EntryFailure(
      "InvalidArgument",
      `Parameter Entries is not valid. Reason: Entry size ${size} bytes exceeds the limit of ${MAX_ENTRY_BYTES} bytes.`,
    );
  }
  const { busArn: arn, account } = await destination(entry, source);
  if (!isJsonObject(detail)) throw new EntryFailure("MalformedDetail", "Detail is malformed.");
  const eventId = crypto.randomUUID();
  if (arn === undefined) return { eventId };
  const eventTime = time ?? now;
  const text = buildEnvelope({
    id: eventId,
    detailType,
    source,
    account,
    time: eventTime,
    region: context.scope.region,
    resources,
    detail,
  });
  let matched: string[];
  try {
    // The matcher also checks nesting depth and number ranges, as AWS's event parser does.
    matched = (await context.runtime.matchers.machineFor(arn)).matchingRules(text);
  } catch (error) {
    if (error instanceof InvalidEventError) throw new EntryFailure("MalformedDetail", "Detail is malformed.");
    throw error;
  }
  return { eventId, event: { eventId, busArn: arn, source, detailType, time: eventTime, ingestedAt: now, text, matched } };
}
