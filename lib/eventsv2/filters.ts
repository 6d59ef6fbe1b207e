/**
 * A subscriber's filters against one event: each scope's pattern matched by the one pattern
 * engine (`lib/pattern`) against the part of the event that scope reads; all scopes ANDed, no
 * filter at all passes everything
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-filtering.html).
 */
import { flattenJson, matchesEvent, parseJson, subscriberFilterProfile, validatePattern, type CompiledPattern, type FilterScope, type FlatEvent, type PatternProblem } from "@/lib/pattern";
import { scopeView, type EventsEnvelope } from "./envelope";

export const FILTER_SCOPES: readonly FilterScope[] = ["DATA", "METADATA", "SYSTEM_METADATA"];
/** AWS::EventsV2::Subscriber Filter Pattern: at most 4,096 characters. */
export const MAX_FILTER_LENGTH = 4096;

export type SubscriberFilters = Readonly<Partial<Record<FilterScope, string>>>;

export type CompiledFilters = readonly { readonly scope: FilterScope; readonly pattern: CompiledPattern }[];

export type FilterOutcome =
  | { readonly scope: FilterScope; readonly outcome: "match" | "no-match" }
  /** Nothing in the event for this scope to read (octet-stream data; PutEvents metadata). */
  | { readonly scope: FilterScope; readonly outcome: "nothing-to-read" };

export interface FilterResult {
  readonly matched: boolean;
  readonly scopes: readonly FilterOutcome[];
}

export type FilterCompilation =
  | { readonly ok: true; readonly filters: CompiledFilters }
  | { readonly ok: false; readonly problems: readonly { readonly scope: FilterScope; readonly problems: readonly PatternProblem[] }[] };

/** The filters compiled with each scope's profile, or every scope's problems. */
export function compileFilters(filters: SubscriberFilters): FilterCompilation {
  const compiled: { scope: FilterScope; pattern: CompiledPattern }[] = [];
  const problems: { scope: FilterScope; problems: readonly PatternProblem[] }[] = [];
  for (const scope of FILTER_SCOPES) {
    const text = filters[scope];
    if (text === undefined) continue;
    const result = validatePattern(text, { maxLength: MAX_FILTER_LENGTH, profile: subscriberFilterProfile(scope) });
    if (result.compiled) compiled.push({ scope, pattern: result.compiled });
    else problems.push({ scope, problems: result.problems });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, filters: compiled };
}

/** Whether the subscriber receives `envelope`, scope by scope. */
export function evaluateFilters(filters: CompiledFilters, envelope: EventsEnvelope): FilterResult {
  const scopes = filters.map(({ scope, pattern }): FilterOutcome => {
    const flat = scopeEvent(envelope, scope);
    if (flat === undefined) return { scope, outcome: "nothing-to-read" };
    return { scope, outcome: matchesEvent(pattern, flat) ? "match" : "no-match" };
  });
  return { matched: scopes.every((s) => s.outcome === "match"), scopes };
}

/** The part of the event a filter on `scope` reads, flattened for the matcher (and its `explain`). */
export function scopeEvent(envelope: EventsEnvelope, scope: FilterScope): FlatEvent | undefined {
  const view = scopeView(envelope, scope);
  return view === undefined ? undefined : flattenJson(parseJson(JSON.stringify(view)));
}
