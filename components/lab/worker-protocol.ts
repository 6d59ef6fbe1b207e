/**
 * Messages between the lab page and its evaluation worker. Events travel once per change of the
 * set (with a version); each keystroke sends only the pattern. Answers carry compact verdicts —
 * the full explanation of one event is recomputed on the page when it is selected.
 */
import type { SubscriberFilters } from "@/lib/eventsv2/filters";
import type { Transform } from "@/lib/eventsv2/transform";
import type { EventKind, LabCounts, LabEvent, LabValidation, SubscriberSampleOptions } from "@/lib/lab";
import type { SubscriberLabEvaluation } from "@/lib/lab/subscriber-preview";

export type ToWorker =
  | { readonly type: "events"; readonly version: number; readonly events: readonly LabEvent[] }
  | {
      readonly type: "evaluate";
      readonly seq: number;
      readonly pattern: string;
      readonly kind: EventKind;
      /** A stream source's filter criteria (`pattern` is the one being edited): a record passes when any matches. */
      readonly anyOf?: readonly string[];
    }
  | ({ readonly type: "subscriber"; readonly seq: number } & SubscriberRequest);

/** A Custom Event Bus subscriber's filters and transform, judged on the event set. */
export interface SubscriberRequest {
  readonly filters: SubscriberFilters;
  readonly transform: Transform;
  readonly options: SubscriberSampleOptions;
}

export interface SubscriberAnswer {
  readonly type: "subscriber";
  readonly seq: number;
  /** What was evaluated: an error's offset belongs to this transform's text. */
  readonly request: SubscriberRequest;
  readonly evaluation: SubscriberLabEvaluation;
  readonly ms: number;
  readonly engine?: "worker" | "page";
}

export interface Verdict {
  readonly matched: boolean;
  /** Why the event cannot be tested at all. */
  readonly error?: string;
  /** The first field that failed, as a sentence (unmatched events only). */
  readonly reason?: string;
}

export interface LabAnswer {
  readonly seq: number;
  readonly eventsVersion: number;
  readonly pattern: string;
  readonly kind: EventKind;
  readonly validation: LabValidation;
  readonly counts: LabCounts;
  /** In event order; null when the pattern is not valid. */
  readonly verdicts: readonly Verdict[] | null;
  /** With `anyOf`: AWS's reason for each other criterion that is not valid ("Filter 2: …"). */
  readonly otherProblems?: readonly string[];
  /** Time spent validating, matching and explaining, in milliseconds. */
  readonly ms: number;
  /** Where it ran: in the worker, or on the page when workers are not available. */
  readonly engine?: "worker" | "page";
}
