/**
 * The subscriber lab's whole answer for a set of samples: each scope's problems, each sample's
 * publish API, scoped views, verdict and what the target receives — the transform applied by
 * lib/eventsv2's `applyTransform` (the `jsonata` library), as the local bus delivers. Kept out of
 * `@/lib/lab`'s index so pages that only match patterns do not load `jsonata`; the lab's Web
 * Worker imports it from `@/lib/lab/subscriber-preview`.
 */
import { scopeView } from "@/lib/eventsv2/envelope";
import { compileFilters, FILTER_SCOPES, type SubscriberFilters } from "@/lib/eventsv2/filters";
import { applyTransform, type Transform, type TransformResult } from "@/lib/eventsv2/transform";
import type { FilterScope, PatternProblem } from "@/lib/pattern";
import type { LabEvent } from "./events";
import { judgeSubscriberSample, readSubscriberSample, type PublishApi, type SampleOptions, type SubscriberVerdict } from "./subscriber";

export interface SubscriberSampleResult {
  readonly eventId: string;
  /** Why the sample cannot be published; the rest is absent then. */
  readonly error?: string;
  readonly api?: PublishApi;
  /** What each scope's filter reads (`null`: nothing to read). */
  readonly views?: Readonly<Record<FilterScope, unknown>>;
  /** Null while a filter is not valid (AWS would refuse the subscriber). */
  readonly verdict?: SubscriberVerdict | null;
  /** What the target receives when the sample is delivered: the transform's output, or its error. */
  readonly delivery?: TransformResult;
}

export interface SubscriberLabEvaluation {
  /** Each scope's problems, first the one AWS reports (offsets into that scope's pattern). */
  readonly problems: Readonly<Partial<Record<FilterScope, readonly PatternProblem[]>>>;
  readonly results: readonly SubscriberSampleResult[];
  readonly counts: { readonly matched: number; readonly unmatched: number; readonly invalidEvents: number };
}

/** The subscriber's filters and transform on every sample (the transform on every publishable one, to preview it). */
export async function evaluateSubscriberLab(filters: SubscriberFilters, transform: Transform, events: readonly LabEvent[], options: SampleOptions = {}): Promise<SubscriberLabEvaluation> {
  const compiled = compileFilters(filters);
  const problems = compiled.ok ? {} : Object.fromEntries(compiled.problems.map((p) => [p.scope, p.problems]));
  const counts = { matched: 0, unmatched: 0, invalidEvents: 0 };
  const results: SubscriberSampleResult[] = [];
  for (const event of events) {
    const sample = readSubscriberSample(event, options);
    if (!sample.ok) {
      counts.invalidEvents++;
      results.push({ eventId: event.id, error: sample.error });
      continue;
    }
    const verdict = compiled.ok ? judgeSubscriberSample(compiled.filters, sample.envelope) : null;
    if (verdict) counts[verdict.matched ? "matched" : "unmatched"]++;
    const views = Object.fromEntries(FILTER_SCOPES.map((scope) => [scope, scopeView(sample.envelope, scope) ?? null])) as Record<FilterScope, unknown>;
    results.push({ eventId: event.id, api: sample.api, views, verdict, delivery: await applyTransform(transform, sample.envelope) });
  }
  return { problems, results, counts };
}
