/**
 * The dispatcher: sends pending deliveries to API destinations and other buses, at least once,
 * as EventBridge's retry policy does (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html):
 * a failed attempt is retried with exponential backoff and full jitter until the target's
 * MaximumRetryAttempts (185 by default) or MaximumEventAgeInSeconds (24 hours) runs out; a
 * failure that retrying cannot fix (an HTTP 4xx other than 408/429, a target that does not
 * exist) gives up at once. A delivery that gives up becomes a dead-letter record and goes to the
 * target's dead-letter queue (dead-letter.ts). API destinations are called under lib/boundary's
 * outbound policy: never a link-local or metadata address, this machine or a private network only
 * when allowed, no redirects followed; a call the policy refuses gives up at once too.
 *
 * Deliveries live in the database, so a restart resumes where the last process stopped.
 */
import type { Db } from "../../db";
import { parseArn } from "../../arn";
import { OutboundHttp, OutboundRefusedError, type HostRule, type OutboundAnswer } from "../../boundary";
import { systemClock, type Clock } from "../../schedule";
import { describeForLog } from "../protocol/errors";
import { sendToDeadLetterQueue, type DeliveryErrorCode, type ExhaustedRetryCondition } from "./dead-letter";
import { ingestEvents, type IngestDeps } from "./ingest";
import { RateLimiter } from "./rate-limit";
import type { TargetSpec } from "./target-spec";

const BATCH = 32;
const HTTP_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 5 * 60_000;
const RESPONSE_KEPT_CHARS = 2048;
/** Enough of an answer to keep its first RESPONSE_KEPT_CHARS characters whatever their UTF-8 length. */
const RESPONSE_READ_BYTES = RESPONSE_KEPT_CHARS * 4;

export interface DeliveryRow {
  id: string;
  eventRowId: string;
  ruleArn: string;
  targetId: string;
  targetArn: string;
  kind: string;
  payload: string;
  attempts: number;
  maxAttempts: number;
  expiresAt: Date;
  lastError: string | null;
  errorCode: string | null;
}

interface AttemptOutcome {
  readonly ok: boolean;
  /** Worth retrying (network error, timeout, 408, 429, 5xx). */
  readonly retryable: boolean;
  readonly status?: number;
  readonly response?: string;
  readonly error?: string;
  readonly code?: DeliveryErrorCode;
  /** Not sent, and rightly so: recorded as skipped, with `error` saying why. */
  readonly skipped?: boolean;
}

/**
 * The wait before retry number `retry` (1 for the first): "full jitter", a random time up to the
 * exponential backoff (base · 2^(retry-1), capped), as in the page AWS's retry policy cites.
 */
export function retryDelay(retry: number, baseMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(baseMs * 2 ** (retry - 1), MAX_BACKOFF_MS));
}

export class Dispatcher {
  /** The pass under way, if any (stop waits for it). */
  private running: Promise<void> | undefined;
  private wakeRequested = false;
  private cancelWake: (() => void) | undefined;
  private stopped = false;
  private readonly rates = new RateLimiter();
  private readonly outbound: OutboundHttp;

  private readonly db: Db;

  constructor(
    private readonly deps: IngestDeps,
    private readonly retryBaseMs: number,
    allowedOutboundHosts: readonly HostRule[],
    private readonly clock: Clock = systemClock,
  ) {
    this.db = deps.db;
    this.outbound = new OutboundHttp(allowedOutboundHosts);
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Stops taking work; resolves when the pass under way has finished. */
  stop(): Promise<void> {
    this.stopped = true;
    this.cancelWake?.();
    return (this.running ?? Promise.resolve()).then(() => this.outbound.close());
  }

  /** Runs a pass now (or right after the current one). */
  wake(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.wakeRequested = true;
      return;
    }
    this.cancelWake?.();
    this.running = this.pass()
      .catch((error: unknown) => console.error(`[bus] delivery pass failed: ${describeForLog(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.wakeRequested) {
          this.wakeRequested = false;
          this.wake();
        } else {
          void this.scheduleNext();
        }
      });
  }

  private async pass(): Promise<void> {
    for (;;) {
      const due = await this.db.delivery.findMany({
        where: { status: "pending", nextAttemptAt: { lte: new Date(this.clock.now()) } },
        orderBy: { nextAttemptAt: "asc" },
        take: BATCH,
      });
      if (due.length === 0 || this.stopped) return;
      await Promise.all(due.map((delivery) => this.attempt(delivery)));
    }
  }

  /** Sleeps until the next retry is due (or a wake-up). */
  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    const next = await this.db.delivery.findFirst({
      where: { status: "pending" },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    });
    if (next === null || this.stopped || this.running !== undefined) return;
    this.cancelWake?.();
    this.cancelWake = this.clock.wakeAt(next.nextAttemptAt.getTime(), () => this.wake());
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    if (this.clock.now() >= delivery.expiresAt.getTime()) {
      const message = delivery.lastError ?? "The event was not delivered within the target's MaximumEventAgeInSeconds.";
      return this.giveUp(delivery, { code: delivery.errorCode ?? "UNKNOWN", message, retries: Math.max(0, delivery.attempts - 1) }, "MaximumEventAgeInSeconds");
    }
    const spec = await this.deps.targets.find(delivery.ruleArn, delivery.targetId);
    const destination = delivery.kind === "http" ? await this.db.apiDestination.findUnique({ where: { arn: delivery.targetArn } }) : null;
    if (destination !== null) {
      // Over the destination's InvocationRateLimitPerSecond: wait for the next second, no attempt used.
      const wait = this.rates.delayFor(delivery.targetArn, destination.rateLimit, this.clock.now());
      if (wait > 0) {
        await this.db.delivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: new Date(this.clock.now() + wait) } });
        return;
      }
    }
    const started = performance.now();
    const outcome = await this.send(delivery, spec, destination).catch((error: unknown): AttemptOutcome => failedCall(error));
    const durationMs = Math.round(performance.now() - started);
    const attempts = delivery.attempts + 1;
    const now = this.clock.now();
    const result = {
      attempts,
      durationMs,
      lastStatus: outcome.status ?? null,
      lastResponse: outcome.response?.slice(0, RESPONSE_KEPT_CHARS) ?? null,
      lastError: outcome.ok ? null : (outcome.error ?? `HTTP ${outcome.status}`),
      errorCode: outcome.ok || outcome.skipped ? null : (outcome.code ?? "UNKNOWN"),
    };
    if (outcome.ok || outcome.skipped) {
      await this.db.delivery.update({ where: { id: delivery.id }, data: { ...result, status: outcome.skipped ? "skipped" : "delivered" } });
      return;
    }
    const failure = { code: result.errorCode ?? "UNKNOWN", message: result.lastError ?? "", retries: attempts - 1 };
    if (!outcome.retryable) return this.giveUp({ ...delivery, ...result }, failure, undefined);
    if (attempts >= delivery.maxAttempts) return this.giveUp({ ...delivery, ...result }, failure, "MaximumRetryAttempts");
    // A retry never waits past the event's age limit: the delivery then gives up on time.
    const nextAttemptAt = Math.min(now + retryDelay(attempts, this.retryBaseMs), delivery.expiresAt.getTime());
    await this.db.delivery.update({ where: { id: delivery.id }, data: { ...result, status: "pending", nextAttemptAt: new Date(nextAttemptAt) } });
  }

  /** The delivery is over without success: a dead-letter record, and the event to the target's dead-letter queue. */
  private async giveUp(
    delivery: DeliveryRow & { durationMs?: number | null; lastStatus?: number | null; lastResponse?: string | null },
    failure: { code: string; message: string; retries: number },
    exhausted: ExhaustedRetryCondition | undefined,
  ): Promise<void> {
    const spec = await this.deps.targets.find(delivery.ruleArn, delivery.targetId);
    const event = await this.db.busEvent.findUnique({ where: { id: delivery.eventRowId }, select: { body: true } });
    const fate =
      event === null
        ? "The event is no longer stored."
        : sendToDeadLetterQueue(this.deps.queues, spec?.DeadLetterConfig?.Arn, {
            ruleArn: delivery.ruleArn,
            targetArn: delivery.targetArn,
            event: event.body,
            errorCode: failure.code,
            errorMessage: failure.message,
            exhausted,
            retryAttempts: failure.retries,
          });
    const why = exhausted === undefined ? "" : ` (${exhausted} reached)`;
    await this.db.delivery.update({
      where: { id: delivery.id },
      data: {
        status: "dead-letter",
        attempts: delivery.attempts,
        durationMs: delivery.durationMs,
        lastStatus: delivery.lastStatus,
        lastResponse: delivery.lastResponse,
        lastError: `${failure.message}${why}. ${fate}`,
        errorCode: failure.code,
      },
    });
  }

  private send(delivery: DeliveryRow, spec: TargetSpec | undefined, destination: { endpoint: string; httpMethod: string } | null): Promise<AttemptOutcome> {
    if (delivery.kind === "http") return this.sendHttp(delivery, spec, destination);
    if (delivery.kind === "bus") return this.forwardToBus(delivery);
    return Promise.resolve({ ok: false, retryable: false, error: `Unknown delivery kind ${delivery.kind}`, code: "UNKNOWN" });
  }

  private async sendHttp(delivery: DeliveryRow, spec: TargetSpec | undefined, destination: { endpoint: string; httpMethod: string } | null): Promise<AttemptOutcome> {
    if (destination === null) {
      return { ok: false, retryable: false, error: `API destination ${delivery.targetArn} does not exist.`, code: "NO_RESOURCE" };
    }
    const response = await requestApiDestination(this.outbound, destination, spec?.HttpParameters, delivery.payload);
    const ok = response.status >= 200 && response.status < 300;
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    return { ok, retryable, status: response.status, response: response.text, code: response.status === 429 ? "THROTTLING" : "ERROR_FROM_TARGET" };
  }

  /**
   * Bus-to-bus: the target bus receives the original event, as with AWS. A bus takes an event id
   * once: an event that comes back to a bus it already reached (rules forwarding in a loop) is
   * not sent round again, and its delivery is recorded as skipped.
   */
  private async forwardToBus(delivery: DeliveryRow): Promise<AttemptOutcome> {
    const target = parseArn(delivery.targetArn);
    const bus = await this.db.eventBus.findUnique({ where: { arn: delivery.targetArn } });
    if (target === undefined || bus === null) {
      return { ok: false, retryable: false, error: `Event bus ${delivery.targetArn} does not exist.`, code: "NO_RESOURCE" };
    }
    const original = await this.db.busEvent.findUnique({ where: { id: delivery.eventRowId } });
    if (original === null) return { ok: false, retryable: false, error: "The event is no longer stored.", code: "UNKNOWN" };
    const seen = await this.db.busEvent.findFirst({
      where: { busArn: bus.arn, time: original.time, eventId: original.eventId, replayName: original.replayName },
      select: { id: true },
    });
    if (seen !== null) return { ok: false, retryable: false, skipped: true, error: "The target bus already has this event (forwarding loop stopped)." };
    await ingestEvents(this.deps, [
      {
        eventId: original.eventId,
        busArn: bus.arn,
        source: original.source,
        detailType: original.detailType,
        time: original.time,
        ingestedAt: new Date(),
        text: original.body,
      },
    ]);
    this.wake();
    return { ok: true, retryable: false };
  }
}

/** A call that got no HTTP answer: refused by the outbound policy, timed out, or could not connect. */
function failedCall(error: unknown): AttemptOutcome {
  if (error instanceof OutboundRefusedError) return { ok: false, retryable: false, error: error.message, code: "CONNECTION_FAILURE" };
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
  return timedOut
    ? { ok: false, retryable: true, error: `No answer within ${HTTP_TIMEOUT_MS / 1000} seconds.`, code: "TIMEOUT" }
    : { ok: false, retryable: true, error: connectionError(error), code: "CONNECTION_FAILURE" };
}

/** fetch says only "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND…). */
function connectionError(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } }).cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return typeof cause === "string" ? `${message}: ${cause}` : message;
}

/**
 * One call to an API destination, as EventBridge makes it (rule targets and pipes alike): its
 * endpoint with the target's HttpParameters, under the outbound policy.
 */
export function requestApiDestination(
  outbound: OutboundHttp,
  destination: { endpoint: string; httpMethod: string },
  http: TargetSpec["HttpParameters"],
  payload: string,
): Promise<OutboundAnswer> {
  const url = destinationUrl(destination.endpoint, http);
  const method = destination.httpMethod.toUpperCase();
  const headers = new Headers({ "content-type": "application/json; charset=utf-8", "user-agent": "Amazon/EventBridge/ApiDestinations" });
  for (const [name, value] of Object.entries(http?.HeaderParameters ?? {})) headers.set(name, value);
  return outbound.request(url, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : payload,
    timeoutMs: HTTP_TIMEOUT_MS,
    maxResponseBytes: RESPONSE_READ_BYTES,
  });
}

/** The endpoint with `*` path segments filled from PathParameterValues and query parameters added. */
export function destinationUrl(endpoint: string, http: TargetSpec["HttpParameters"]): string {
  const values = [...(http?.PathParameterValues ?? [])];
  const url = new URL(endpoint.replace(/\*/g, () => encodeURIComponent(values.shift() ?? "")));
  for (const [name, value] of Object.entries(http?.QueryStringParameters ?? {})) url.searchParams.set(name, value);
  return url.toString();
}
