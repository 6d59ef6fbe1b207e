/**
 * "Verify with AWS": the same pattern and events through the real `TestEventPattern` API, and
 * every disagreement with the lab's local verdicts. Server side only (AWS SDK, credentials); the
 * client comes from `lib/aws/connection.ts` (or points at the local EventBridge in tests).
 */
import { EventBridgeClient, TestEventPatternCommand } from "@aws-sdk/client-eventbridge";
import type { LabEvent } from "./events";

export interface LocalVerdict {
  readonly eventId: string;
  readonly matched: boolean;
  /** Set when the lab found the event invalid (then AWS should refuse it too). */
  readonly error?: string;
}

export interface Disagreement {
  readonly eventId: string;
  /** "match", "no-match" or "invalid" per side. */
  readonly local: Verdict;
  readonly aws: Verdict;
  /** AWS's message when it refused the event. */
  readonly awsMessage?: string;
}

export type Verdict = "match" | "no-match" | "invalid";

export interface AwsVerification {
  /** AWS's reason when it refused the pattern itself (then no event was tested). */
  readonly patternError: string | undefined;
  readonly checked: number;
  readonly agreements: number;
  readonly disagreements: readonly Disagreement[];
  /** Calls that failed for other reasons (throttling, network, credentials). */
  readonly errors: readonly { readonly eventId: string; readonly message: string }[];
}

export interface VerifyOptions {
  /** Calls in flight at once (default 4): TestEventPattern is rate limited per account. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Asks AWS about every event (bounded concurrency) and compares with `localResults`. */
export async function verifyWithAws(
  client: EventBridgeClient,
  patternText: string,
  events: readonly LabEvent[],
  localResults: readonly LocalVerdict[],
  options: VerifyOptions = {},
): Promise<AwsVerification> {
  const local = new Map(localResults.map((r) => [r.eventId, r]));
  const disagreements: Disagreement[] = [];
  const errors: { eventId: string; message: string }[] = [];
  let agreements = 0;
  let checked = 0;
  let patternError: string | undefined;
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < events.length && patternError === undefined && !options.signal?.aborted) {
      const event = events[next++]!;
      let aws: Verdict;
      let awsMessage: string | undefined;
      try {
        const answer = await client.send(new TestEventPatternCommand({ EventPattern: patternText, Event: event.text }), { abortSignal: options.signal });
        aws = answer.Result === true ? "match" : "no-match";
      } catch (error) {
        const name = errorName(error);
        if (name === "InvalidEventPatternException") {
          patternError = errorMessage(error);
          return;
        }
        if (name === "ValidationException") {
          aws = "invalid";
          awsMessage = errorMessage(error);
        } else {
          errors.push({ eventId: event.id, message: `${name || "Error"}: ${errorMessage(error)}` });
          continue;
        }
      }
      checked++;
      const mine = local.get(event.id);
      const localVerdict: Verdict = mine === undefined ? "invalid" : mine.error !== undefined ? "invalid" : mine.matched ? "match" : "no-match";
      if (mine !== undefined && localVerdict === aws) agreements++;
      else disagreements.push({ eventId: event.id, local: localVerdict, aws, ...(awsMessage === undefined ? {} : { awsMessage }) });
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, 16));
  await Promise.all(Array.from({ length: Math.min(concurrency, events.length) }, worker));
  if (patternError !== undefined) return { patternError, checked: 0, agreements: 0, disagreements: [], errors: [] };
  disagreements.sort((a, b) => order(events, a.eventId) - order(events, b.eventId));
  return { patternError, checked, agreements, disagreements, errors };
}

function order(events: readonly LabEvent[], id: string): number {
  return events.findIndex((e) => e.id === id);
}
