/**
 * What capturing an archive's window costs, stated before the user consents: AWS's archive API
 * gives only the whole archive's event count and size, so the estimate is an upper bound.
 */
import { DescribeArchiveCommand } from "@aws-sdk/client-eventbridge";
import { ValidationError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { sendAws } from "../aws/errors";
import { busNameOf, type CaptureClients } from "./clients";

/**
 * Prices assumed for the statement (US East (N. Virginia) list prices as of late 2026): replayed
 * events are billed like custom events published to a bus, $1.00 per million, each 64 KB chunk
 * of an event counted as one; SQS standard queue requests $0.40 per million, each 64 KB chunk a
 * request. Deliveries from a rule to an SQS queue of the same account are not charged by
 * EventBridge. Data transfer out of AWS to wherever Switchyard runs is extra.
 */
export const CAPTURE_PRICES = {
  replayPerMillionEvents: 1.0,
  sqsPerMillionRequests: 0.4,
  chunkBytes: 64 * 1024,
  source: "US East (N. Virginia) list prices assumed; see aws.amazon.com/eventbridge/pricing and aws.amazon.com/sqs/pricing for your region",
} as const;

export interface CaptureWindow {
  readonly from: Date;
  readonly to: Date;
}

export interface CaptureEstimate {
  readonly archiveName: string;
  readonly archiveArn: string;
  readonly busArn: string;
  readonly busName: string;
  readonly state: string;
  /** The whole archive (AWS counts no finer; reconciled within 24 hours). */
  readonly archiveEvents: number;
  readonly archiveBytes: number;
  /** At most this many events are in the window: the archive's count is the only bound AWS gives. */
  readonly maxEvents: number;
  readonly maxBytes: number;
  /** SQS requests for the worst case: a send per event, a receive and a batch delete per 10, plus setup. */
  readonly sqsRequests: number;
  readonly replayCostUsd: number;
  readonly sqsCostUsd: number;
  readonly totalCostUsd: number;
  /** The statement shown before consent. */
  readonly costText: string;
}

/** Requests besides the messages: create, get-attributes, set-attributes, delete, and idle polls. */
const SQS_SETUP_REQUESTS = 10;

export function validateWindow(window: CaptureWindow): void {
  if (!(window.from instanceof Date) || Number.isNaN(window.from.getTime())) throw new ValidationError("from must be a date", [{ path: "from", message: "must be a date" }]);
  if (!(window.to instanceof Date) || Number.isNaN(window.to.getTime())) throw new ValidationError("to must be a date", [{ path: "to", message: "must be a date" }]);
  if (window.from >= window.to) throw new ValidationError("from must be before to", [{ path: "to", message: "must be after from" }]);
  if (window.to.getTime() > Date.now() + 60_000) throw new ValidationError("to must not be in the future: a replay only covers archived events", [{ path: "to", message: "must not be in the future" }]);
}

const usd = (amount: number) => (amount < 0.01 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`);

/** The cost of replaying and queueing `events` events of `bytes` bytes in total, as numbers and words. */
export function captureCost(events: number, bytes: number): Pick<CaptureEstimate, "sqsRequests" | "replayCostUsd" | "sqsCostUsd" | "totalCostUsd" | "costText"> {
  const averageBytes = events === 0 ? 0 : bytes / events;
  const chunksPerEvent = Math.max(1, Math.ceil(averageBytes / CAPTURE_PRICES.chunkBytes));
  const replayCostUsd = (events * chunksPerEvent * CAPTURE_PRICES.replayPerMillionEvents) / 1e6;
  const sqsRequests = events * chunksPerEvent + 2 * Math.ceil(events / 10) + SQS_SETUP_REQUESTS;
  const sqsCostUsd = (sqsRequests * CAPTURE_PRICES.sqsPerMillionRequests) / 1e6;
  const totalCostUsd = replayCostUsd + sqsCostUsd;
  const costText =
    `Replaying up to ${events.toLocaleString("en-US")} events (${formatBytes(bytes)}) costs about ${usd(replayCostUsd)} ` +
    `(replayed events are billed like published custom events, $${CAPTURE_PRICES.replayPerMillionEvents.toFixed(2)} per million, each 64 KB chunk counted once), ` +
    `and up to ${sqsRequests.toLocaleString("en-US")} SQS requests about ${usd(sqsCostUsd)} ($${CAPTURE_PRICES.sqsPerMillionRequests.toFixed(2)} per million: ` +
    `a send per event, a receive and a delete per 10). Total about ${usd(totalCostUsd)}, plus data transfer out of AWS. ` +
    `${CAPTURE_PRICES.source}.`;
  return { sqsRequests, replayCostUsd, sqsCostUsd, totalCostUsd, costText };
}

export async function estimateCapture(clients: CaptureClients, archiveName: string, window: CaptureWindow): Promise<CaptureEstimate> {
  validateWindow(window);
  const archive = await sendAws(clients.events, new DescribeArchiveCommand({ ArchiveName: archiveName }), { endpoint: clients.endpoint });
  const busArn = archive.EventSourceArn ?? "";
  const events = archive.EventCount ?? 0;
  const bytes = archive.SizeBytes ?? 0;
  return {
    archiveName,
    archiveArn: archive.ArchiveArn ?? "",
    busArn,
    busName: busNameOf(busArn),
    state: archive.State ?? "UNKNOWN",
    archiveEvents: events,
    archiveBytes: bytes,
    maxEvents: events,
    maxBytes: bytes,
    ...captureCost(events, bytes),
  };
}
