/**
 * PutEvents: up to 10 entries, each up to 1 MB (AWS's entry size: Source, DetailType, Detail and
 * Resources in UTF-8 bytes, plus 14 for a Time). A bad entry fails alone, reported in `Entries`
 * with `FailedEntryCount`; the accepted ones are in the database before the answer.
 */
import { InvalidEventError } from "../../../pattern";
import { busArn, resolveBusName } from "../../../arn";
import { isJsonObject } from "../../../format";
import { buildEnvelope } from "../event-envelope";
import { ingestEvents, type AcceptedEvent } from "../ingest";
import { BUS_NAME_OR_ARN_RULE, type Params } from "../../protocol/params";
import type { Operation, OperationContext } from "./context";

export const MAX_ENTRIES = 10;
export const MAX_ENTRY_BYTES = 1024 * 1024;

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

class EntryFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const putEvents: Operation = async (params, context) => {
  const entries = params.list("Entries", { min: 1, max: MAX_ENTRIES });
  const now = new Date();
  const results: EntryResult[] = [];
  const accepted: { index: number; event: AcceptedEvent }[] = [];
  for (const entry of entries) {
    try {
      const event = await readEntry(entry, context, now);
      accepted.push({ index: results.length, event });
      results.push({ EventId: event.eventId });
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
};

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

async function readEntry(entry: Params, context: OperationContext, now: Date): Promise<AcceptedEvent> {
  let busName: string | undefined;
  let resources: string[];
  let time: Date | undefined;
  try {
    busName = entry.optionalString("EventBusName", BUS_NAME_OR_ARN_RULE);
    resources = entry.stringList("Resources");
    time = entry.optionalDate("Time");
  } catch (error) {
    throw new EntryFailure("InvalidArgument", (error as Error).message);
  }
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
  if (source.startsWith("aws.")) throw new EntryFailure("NotAuthorizedForSourceException", "Not authorized for the source.");
  if (!isJsonObject(detail)) throw new EntryFailure("MalformedDetail", "Detail is malformed.");

  const resolved = resolveBusName(context.scope, busName);
  const arn = busArn(resolved.scope, resolved.name);
  if (!(await context.runtime.busExists(arn))) {
    throw new EntryFailure("ResourceNotFoundException", `Event bus ${resolved.name} does not exist.`);
  }
  const eventId = crypto.randomUUID();
  const eventTime = time ?? now;
  const text = buildEnvelope({
    id: eventId,
    detailType,
    source,
    account: context.scope.account,
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
  return { eventId, busArn: arn, source, detailType, time: eventTime, ingestedAt: now, text, matched };
}
