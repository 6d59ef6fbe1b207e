/**
 * Captures run as background jobs of this server process: the route starts one and answers its
 * id at once; the browser polls the job (progress, result, error) and may cancel it. Jobs are
 * kept in memory (on globalThis, like the bus runtime): a restart forgets them, and a capture
 * under way then stops without its cleanup, so its rule and queue (named
 * `switchyard-capture-…`) would have to be deleted by hand.
 */
import { ListArchivesCommand } from "@aws-sdk/client-eventbridge";
import { z } from "zod";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { fromZodError, NotFoundError, ValidationError, type FieldIssue } from "@/lib/errors";
import { EVENT_PATTERN_MAX_LENGTH } from "@/lib/limits";
import { CaptureFailedError, captureArchive, liveCapture, type CaptureProgress, type CaptureResult, type CaptureTiming } from "./capture";
import type { CaptureClients } from "./clients";
import { estimateCapture, type CaptureEstimate } from "./estimate";
import type { CleanupReport } from "./temporary-resources";
import { currentAwsConnection, eventBridgeClientFor, sqsClientFor, type AwsConnectionSettings } from "../aws/connection";
import { describeAwsError, isAwsError, sendAws } from "../aws/errors";

/** Live capture listens at most this long. */
export const MAX_LIVE_SECONDS = 3600;
/** Finished jobs are forgotten after this long. */
const KEEP_FINISHED_MS = 60 * 60_000;

export type CaptureJobStatus = "running" | "completed" | "cancelled" | "failed";

/** What the browser sees of a job (never credentials: only names, counts and messages). */
export interface CaptureJobView {
  readonly id: string;
  readonly kind: "archive" | "live";
  readonly status: CaptureJobStatus;
  readonly startedAt: string;
  readonly endedAt?: string;
  /** What is captured: `archive orders-archive, 2026-11-23T10:00Z – …` or `bus orders until …`. */
  readonly title: string;
  readonly progress?: CaptureProgress;
  readonly result?: Omit<CaptureResult, "storedEventIds"> & { storedEventCount: number };
  readonly error?: { code: string; message: string; awsCode?: string; action?: string };
  /** After a failure: what was and was not removed from the account. */
  readonly cleanup?: CleanupReport;
}

interface CaptureJob {
  view: CaptureJobView;
  readonly controller: AbortController;
}

const globalJobs = globalThis as typeof globalThis & { __switchyardCaptureJobs?: Map<string, CaptureJob> };
const jobs: Map<string, CaptureJob> = (globalJobs.__switchyardCaptureJobs ??= new Map());

// --- Input ----------------------------------------------------------------------------------

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" });

export const estimateInput = z.strictObject({
  archiveName: z.string().min(1, "must not be empty").max(48),
  from: isoDate,
  to: isoDate,
});

const consent = z.literal(true, { error: "must be true: the capture is billed to the AWS account, so it runs only with explicit consent" });

export const captureInput = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("archive"),
    archiveName: z.string().min(1, "must not be empty").max(48),
    busName: z.string().min(1).max(1600).optional(),
    from: isoDate,
    to: isoDate,
    consent,
  }),
  z.strictObject({
    kind: z.literal("live"),
    busName: z.string().min(1, "must not be empty").max(1600),
    pattern: z.string().min(1).max(EVENT_PATTERN_MAX_LENGTH).optional(),
    durationSeconds: z.number().int().min(5).max(MAX_LIVE_SECONDS),
    consent,
  }),
]);

export type CaptureInput = z.infer<typeof captureInput>;

/** The capture request lacks consent: a 400, as the route promises. */
export class ConsentRequiredError extends ValidationError {
  constructor(issues: FieldIssue[]) {
    super("The capture needs explicit consent to its cost: send consent: true after showing the estimate", issues, { code: "consent_required", status: 400 });
  }
}

export function parseCaptureInput(body: unknown): CaptureInput {
  const parsed = captureInput.safeParse(body);
  if (parsed.success) return parsed.data;
  const consentIssues = parsed.error.issues.filter((issue) => issue.path[0] === "consent");
  if (consentIssues.length > 0) throw new ConsentRequiredError(consentIssues.map((i) => ({ path: "consent", message: i.message })));
  throw fromZodError(parsed.error, "capture request");
}

// --- Connection -----------------------------------------------------------------------------

async function requireConnection(): Promise<AwsConnectionSettings> {
  const connection = await currentAwsConnection();
  if (connection === null) throw new ValidationError("AWS is not configured: choose a region (and a profile or endpoint) in Settings → AWS first");
  return connection;
}

function clientsFor(connection: AwsConnectionSettings): CaptureClients & { destroy(): void } {
  const events = eventBridgeClientFor(connection);
  const sqs = sqsClientFor(connection);
  return {
    events,
    sqs,
    ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
    destroy() {
      events.destroy();
      sqs.destroy();
    },
  };
}

/**
 * Against a loopback endpoint (Switchyard's own local EventBridge) rules apply at once and delivery
 * into the queue is immediate, so the capture need not wait out AWS's propagation and delivery lag.
 */
export function timingFor(connection: AwsConnectionSettings): CaptureTiming | undefined {
  if (connection.endpoint === undefined) return undefined;
  try {
    const host = new URL(connection.endpoint).hostname;
    const loopback = host === "localhost" || host === "[::1]" || host.startsWith("127.");
    return loopback ? { pollWaitSeconds: 1, replayPollMs: 500, drainQuietMs: 1500, ruleSettleMs: 0 } : undefined;
  } catch {
    return undefined;
  }
}

async function withClients<T>(work: (clients: CaptureClients) => Promise<T>): Promise<T> {
  const clients = clientsFor(await requireConnection());
  try {
    return await work(clients);
  } finally {
    clients.destroy();
  }
}

// --- Archives and estimate ------------------------------------------------------------------

export interface ArchiveSummary {
  readonly name: string;
  readonly busArn: string;
  readonly busName: string;
  readonly state: string;
  readonly eventCount: number;
  readonly sizeBytes: number;
  readonly createdAt?: string;
  readonly retentionDays: number;
}

/** The account's archives (every page), for choosing one to capture. */
export async function listArchives(): Promise<ArchiveSummary[]> {
  return withClients(async (clients) => {
    const archives: ArchiveSummary[] = [];
    let token: string | undefined;
    do {
      const page = await sendAws(clients.events, new ListArchivesCommand({ NextToken: token, Limit: 100 }), { endpoint: clients.endpoint });
      for (const archive of page.Archives ?? []) {
        const busArn = archive.EventSourceArn ?? "";
        archives.push({
          name: archive.ArchiveName ?? "",
          busArn,
          busName: busArn.slice(busArn.indexOf(":event-bus/") + ":event-bus/".length),
          state: archive.State ?? "UNKNOWN",
          eventCount: archive.EventCount ?? 0,
          sizeBytes: archive.SizeBytes ?? 0,
          ...(archive.CreationTime ? { createdAt: archive.CreationTime.toISOString() } : {}),
          retentionDays: archive.RetentionDays ?? 0,
        });
      }
      token = page.NextToken;
    } while (token);
    return archives;
  });
}

export async function estimate(body: unknown): Promise<CaptureEstimate> {
  const parsed = estimateInput.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "estimate request");
  return withClients((clients) => estimateCapture(clients, parsed.data.archiveName, { from: new Date(parsed.data.from), to: new Date(parsed.data.to) }));
}

// --- Jobs -----------------------------------------------------------------------------------

function forgetOldJobs(now = Date.now()): void {
  for (const [id, job] of jobs) {
    if (job.view.endedAt !== undefined && now - Date.parse(job.view.endedAt) > KEEP_FINISHED_MS) jobs.delete(id);
  }
}

function errorView(error: unknown): NonNullable<CaptureJobView["error"]> {
  const original = error instanceof CaptureFailedError ? error.original : error;
  if (isAwsError(original)) {
    const d = describeAwsError(original);
    return { code: d.code, message: d.message, ...(d.awsCode ? { awsCode: d.awsCode } : {}), ...(d.action ? { action: d.action } : {}) };
  }
  if (original instanceof ValidationError) return { code: "validation", message: original.message };
  if (original instanceof Error) return { code: "capture_failed", message: original.message };
  return { code: "capture_failed", message: "The capture failed." };
}

/**
 * Starts a capture the user consented to and answers its job at once. The work goes on in the
 * background; `captureJob(id)` reports it. Validation and "not configured" fail here, before a job.
 */
export async function startCapture(body: unknown): Promise<CaptureJobView> {
  const input = parseCaptureInput(body);
  const connection = await requireConnection();
  forgetOldJobs();
  const id = crypto.randomUUID();
  const controller = new AbortController();
  const startedAt = new Date();
  const title =
    input.kind === "archive"
      ? `archive ${input.archiveName}, ${input.from} – ${input.to}`
      : `bus ${input.busName} for ${input.durationSeconds} s${input.pattern ? " (pattern)" : ""}`;
  const job: CaptureJob = { controller, view: { id, kind: input.kind, status: "running", startedAt: startedAt.toISOString(), title } };
  jobs.set(id, job);

  const clients = clientsFor(connection);
  const timing = timingFor(connection);
  const options = {
    signal: controller.signal,
    ...(timing === undefined ? {} : { timing }),
    onProgress: (progress: CaptureProgress) => {
      job.view = { ...job.view, progress };
    },
  };
  const work = (async () => {
    const store = await getBusRuntime();
    return input.kind === "archive"
      ? captureArchive(clients, store, { archiveName: input.archiveName, busName: input.busName, from: new Date(input.from), to: new Date(input.to) }, options)
      : liveCapture(clients, store, { busName: input.busName, pattern: input.pattern, until: new Date(startedAt.getTime() + input.durationSeconds * 1000) }, options);
  })();
  void work
    .then((result) => {
      const { storedEventIds, ...rest } = result;
      job.view = { ...job.view, status: result.status, endedAt: new Date().toISOString(), result: { ...rest, storedEventCount: storedEventIds.length } };
    })
    .catch((error: unknown) => {
      job.view = {
        ...job.view,
        status: "failed",
        endedAt: new Date().toISOString(),
        error: errorView(error),
        ...(error instanceof CaptureFailedError ? { cleanup: error.cleanup } : {}),
      };
    })
    .finally(() => clients.destroy());
  return job.view;
}

export function captureJob(id: string): CaptureJobView {
  const job = jobs.get(id);
  if (job === undefined) throw new NotFoundError(`Capture job ${id} does not exist (jobs are kept in memory until the server restarts).`);
  return job.view;
}

export function captureJobs(): CaptureJobView[] {
  return [...jobs.values()].map((job) => job.view).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** Asks a running capture to stop; it cancels its replay and removes its rule and queue. */
export function cancelCaptureJob(id: string): CaptureJobView {
  const job = jobs.get(id);
  if (job === undefined) throw new NotFoundError(`Capture job ${id} does not exist.`);
  if (job.view.status === "running") job.controller.abort();
  return job.view;
}
