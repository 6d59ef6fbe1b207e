/**
 * A stream source's filter criteria in the lab. Each criterion is judged by `evaluateLab` (the
 * one matcher), the verdicts combine as Lambda's event filtering combines them
 * (`anyCriterionPasses`, lib/streams), and for a record filtered out this picks the criterion
 * that came closest to passing it to say why.
 */
import { anyCriterionPasses } from "../streams/filter-view";
import { evaluateLab, type EvaluateOptions, type LabCounts, type LabResult, type LabValidation } from "./evaluate";
import { prepareEvents, type LabEvent, type PreparedEvent } from "./events";

export interface AnyOfResult {
  readonly eventId: string;
  /** True when some criterion matches (or there are none); false for an invalid record too. */
  readonly matched: boolean;
  /** Index of the first criterion that matches it. */
  readonly matchedBy?: number;
  /** Why the record cannot be filtered at all. */
  readonly error?: string;
  /** For a record filtered out: the index of the criterion that came closest (the first on a tie). */
  readonly closest?: number;
  /** For a record filtered out: the closest criterion's first failing field ("Filter 2: …" when there are several). */
  readonly failure?: string;
}

export interface AnyOfEvaluation {
  /** One per criterion, in order. */
  readonly validations: readonly LabValidation[];
  /** Null when some criterion is not valid (Lambda refuses the whole list). */
  readonly results: AnyOfResult[] | null;
  readonly counts: LabCounts;
}

/** How near a criterion came: the largest share of fields that held in one of its branches. */
function closeness(result: LabResult): number {
  const branches = result.explanation?.branches ?? [];
  return branches.reduce((best, branch) => {
    const share = branch.fields.length === 0 ? 0 : branch.fields.filter((f) => f.held).length / branch.fields.length;
    return Math.max(best, share);
  }, -1);
}

/** Judges every event against the criteria; `events` may be the set or its `prepareEvents` result. */
export function evaluateAnyOf(patterns: readonly string[], events: readonly LabEvent[] | readonly PreparedEvent[], options: EvaluateOptions = {}): AnyOfEvaluation {
  const first = events[0];
  const prepared = first !== undefined && "ok" in first ? (events as readonly PreparedEvent[]) : prepareEvents(events as readonly LabEvent[], options.kind);
  const invalidEvents = prepared.reduce((n, p) => (p.ok ? n : n + 1), 0);
  const runs = patterns.map((pattern) => evaluateLab(pattern, prepared, options));
  const validations = runs.map((run) => run.validation);
  if (runs.some((run) => run.results === null)) return { validations, results: null, counts: { matched: 0, unmatched: 0, invalidEvents } };

  const several = patterns.length > 1;
  let matched = 0;
  const results = prepared.map((p, i): AnyOfResult => {
    if (!p.ok) return { eventId: p.event.id, matched: false, error: p.error };
    const perCriterion = runs.map((run) => run.results![i]!);
    const verdict = anyCriterionPasses(perCriterion, (r) => r.matched);
    if (verdict.passes) {
      matched++;
      return { eventId: p.event.id, matched: true, ...(verdict.passedBy === undefined ? {} : { matchedBy: verdict.passedBy }) };
    }
    // One criterion: its cheap first failure. Several: explain each to find the closest.
    let closest = 0;
    if (several) {
      let best = closeness(perCriterion[0]!);
      perCriterion.forEach((r, index) => {
        const near = closeness(r);
        if (near > best) {
          best = near;
          closest = index;
        }
      });
    }
    const reason = perCriterion[closest]!.failure;
    const failure = reason === undefined ? undefined : several ? `Filter ${closest + 1}: ${reason}` : reason;
    return { eventId: p.event.id, matched: false, closest, ...(failure === undefined ? {} : { failure }) };
  });
  return { validations, results, counts: { matched, unmatched: prepared.length - matched - invalidEvents, invalidEvents } };
}
