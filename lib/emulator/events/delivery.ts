/**
 * The dispatcher: sends pending deliveries to API destinations and other buses, at least once.
 * A failed attempt is retried with exponential backoff until the target's retry policy runs out
 * (attempts or event age), then the delivery becomes a dead-letter record; a permanent failure
 * (an HTTP 4xx other than 408/429, a missing destination, a call the outbound policy refuses)
 * dead-letters at once. API destinations are called under lib/boundary's outbound policy: never a
 * link-local or metadata address, this machine or a private network only when allowed, no
 * redirects followed.
 *
 * Deliveries live in the database, so a restart resumes where the last process stopped.
 */
import type { Db } from "../../db";
import { parseArn } from "../../arn";
import { OutboundHttp, OutboundRefusedError, type HostRule } from "../../boundary";
import { describeForLog } from "../protocol/errors";
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
}

interface AttemptOutcome {
  readonly ok: boolean;
  /** Worth retrying (network error, timeout, 408, 429, 5xx). */
  readonly retryable: boolean;
  readonly status?: number;
  readonly response?: string;
  readonly error?: string;
  /** Not sent, and rightly so: recorded as skipped, with `error` saying why. */
  readonly skipped?: boolean;
}

export class Dispatcher {
  /** The pass under way, if any (stop waits for it). */
  private running: Promise<void> | undefined;
  private wakeRequested = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly rates = new RateLimiter();
  private readonly outbound: OutboundHttp;

  private readonly db: Db;

  constructor(
    private readonly deps: IngestDeps,
    private readonly retryBaseMs: number,
    allowedOutboundHosts: readonly HostRule[],
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
    clearTimeout(this.timer);
    return (this.running ?? Promise.resolve()).then(() => this.outbound.close());
  }

  /** Runs a pass now (or right after the current one). */
  wake(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.wakeRequested = true;
      return;
    }
    clearTimeout(this.timer);
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
        where: { status: "pending", nextAttemptAt: { lte: new Date() } },
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
    const wait = Math.max(0, Math.min(next.nextAttemptAt.getTime() - Date.now(), MAX_BACKOFF_MS));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref();
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    if (delivery.kind === "http") {
      // Over the destination's InvocationRateLimitPerSecond: wait for the next second, no attempt used.
      const destination = await this.db.apiDestination.findUnique({ where: { arn: delivery.targetArn }, select: { rateLimit: true } });
      const wait = this.rates.delayFor(delivery.targetArn, destination?.rateLimit);
      if (wait > 0) {
        await this.db.delivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: new Date(Date.now() + wait) } });
        return;
      }
    }
    const started = performance.now();
    const outcome = await this.send(delivery).catch(
      (error: unknown): AttemptOutcome => ({ ok: false, retryable: !(error instanceof OutboundRefusedError), error: (error as Error).message }),
    );
    const durationMs = Math.round(performance.now() - started);
    const attempts = delivery.attempts + 1;
    const now = Date.now();
    const exhausted = attempts >= delivery.maxAttempts || now >= delivery.expiresAt.getTime();
    const status = outcome.skipped ? "skipped" : outcome.ok ? "delivered" : !outcome.retryable || exhausted ? "dead-letter" : "pending";
    const backoff = Math.min(this.retryBaseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    await this.db.delivery.update({
      where: { id: delivery.id },
      data: {
        status,
        attempts,
        durationMs,
        lastStatus: outcome.status ?? null,
        lastResponse: outcome.response?.slice(0, RESPONSE_KEPT_CHARS) ?? null,
        lastError: outcome.ok ? null : (outcome.error ?? `HTTP ${outcome.status}`),
        nextAttemptAt: new Date(now + backoff),
      },
    });
  }

  private send(delivery: DeliveryRow): Promise<AttemptOutcome> {
    if (delivery.kind === "http") return this.sendHttp(delivery);
    if (delivery.kind === "bus") return this.forwardToBus(delivery);
    return Promise.resolve({ ok: false, retryable: false, error: `Unknown delivery kind ${delivery.kind}` });
  }

  private async sendHttp(delivery: DeliveryRow): Promise<AttemptOutcome> {
    const destination = await this.db.apiDestination.findUnique({ where: { arn: delivery.targetArn } });
    if (destination === null) {
      return { ok: false, retryable: false, error: `API destination ${delivery.targetArn} does not exist.` };
    }
    const spec = await this.targetSpec(delivery);
    const url = destinationUrl(destination.endpoint, spec?.HttpParameters);
    const method = destination.httpMethod.toUpperCase();
    const headers = new Headers({ "content-type": "application/json; charset=utf-8", "user-agent": "Amazon/EventBridge/ApiDestinations" });
    for (const [name, value] of Object.entries(spec?.HttpParameters?.HeaderParameters ?? {})) headers.set(name, value);
    const response = await this.outbound.request(url, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : delivery.payload,
      timeoutMs: HTTP_TIMEOUT_MS,
      maxResponseBytes: RESPONSE_READ_BYTES,
    });
    const ok = response.status >= 200 && response.status < 300;
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    return { ok, retryable, status: response.status, response: response.text };
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
      return { ok: false, retryable: true, error: `Event bus ${delivery.targetArn} does not exist.` };
    }
    const original = await this.db.busEvent.findUnique({ where: { id: delivery.eventRowId } });
    if (original === null) return { ok: false, retryable: false, error: "The event is no longer stored." };
    const seen = await this.db.busEvent.findFirst({
      where: { eventId: original.eventId, busArn: bus.arn, replayName: original.replayName },
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

  private async targetSpec(delivery: DeliveryRow): Promise<TargetSpec | undefined> {
    const target = await this.db.busTarget.findUnique({
      where: { ruleArn_targetId: { ruleArn: delivery.ruleArn, targetId: delivery.targetId } },
    });
    return target === null ? undefined : (JSON.parse(target.spec) as TargetSpec);
  }
}

/** The endpoint with `*` path segments filled from PathParameterValues and query parameters added. */
export function destinationUrl(endpoint: string, http: TargetSpec["HttpParameters"]): string {
  const values = [...(http?.PathParameterValues ?? [])];
  const url = new URL(endpoint.replace(/\*/g, () => encodeURIComponent(values.shift() ?? "")));
  for (const [name, value] of Object.entries(http?.QueryStringParameters ?? {})) url.searchParams.set(name, value);
  return url.toString();
}
