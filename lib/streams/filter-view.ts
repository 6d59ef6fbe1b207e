/**
 * How Lambda event filtering sees a stream record (event source mappings and Pipes), and how its
 * filter criteria combine: the one definition shared by the lab, "Send test records" and the
 * expectation check.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 */
import { decodeBase64Utf8 } from "./base64";

/** Whether the filter criteria let a record through, and which criterion did. */
export type CriteriaVerdict = { readonly passes: true; readonly passedBy?: number } | { readonly passes: false };

/**
 * A record passes when ANY criterion matches it (`passedBy`: the first that does); with no
 * criteria every record passes. `matches` is asked in order, and only until one matches.
 */
export function anyCriterionPasses<C>(criteria: readonly C[], matches: (criterion: C) => boolean): CriteriaVerdict {
  if (criteria.length === 0) return { passes: true };
  const passedBy = criteria.findIndex((criterion) => matches(criterion));
  return passedBy === -1 ? { passes: false } : { passes: true, passedBy };
}

/** The stream sources whose records Lambda filters with event patterns. */
export type StreamKind = "kafka" | "sqs" | "kinesis" | "dynamodb";

/**
 * The JSON text Lambda event filtering sees for one stream record: Kafka `value` (the only key
 * Kafka filters may use) and Kinesis `data` are base64 and filtered on their decoded JSON, an SQS `body` on its parsed JSON; when the
 * payload is not JSON, it stays a string (so only patterns on other fields can match it).
 * DynamoDB stream records are filtered as they are.
 */
export function streamRecordForFilter(text: string, kind: StreamKind): string {
  const record = JSON.parse(text) as unknown;
  if (!isObject(record)) throw new Error("A stream record must be a JSON object.");
  const decoded = withDecodedPayload(record, kind);
  // Kafka event source mappings filter on the value key only.
  if (kind === "kafka") return JSON.stringify("value" in decoded ? { value: decoded.value } : {});
  return JSON.stringify(decoded);
}

/**
 * A copy of a record with its payload decoded as above (Kafka `value`, Kinesis `data`, SQS
 * `body`): what Pipes' filters and input templates' JSON paths see of it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-input-transformation.html,
 * "Implicit body data parsing").
 */
export function withDecodedPayload(record: Readonly<Record<string, unknown>>, kind: StreamKind): Record<string, unknown> {
  const copy = structuredClone(record) as Record<string, unknown>;
  if (kind === "kafka") decodePayload(copy, "value", true);
  else if (kind === "sqs") decodePayload(copy, "body", false);
  else if (kind === "kinesis") {
    // Lambda's Kinesis record nests the payload under `kinesis.data`; a bare record has `data`.
    if (isObject(copy.kinesis)) decodePayload(copy.kinesis, "data", true);
    else decodePayload(copy, "data", true);
  }
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Replaces `container[key]` by its parsed JSON, or its text when not JSON; leaves what is not base64 alone. */
function decodePayload(container: Record<string, unknown>, key: string, base64: boolean): void {
  const raw = container[key];
  if (typeof raw !== "string") return;
  let payload = raw;
  if (base64) {
    try {
      payload = decodeBase64Utf8(raw);
    } catch {
      return;
    }
  }
  try {
    container[key] = JSON.parse(payload) as unknown;
  } catch {
    container[key] = payload;
  }
}
