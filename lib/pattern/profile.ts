/**
 * Validation profiles: where a pattern is used with fewer operators than a Classic rule allows.
 * The engine stays one (same compile, same matcher); a profile only adds problems for what the
 * place refuses, after the pattern has passed AWS's general checks.
 *
 * The Custom Event Bus's subscriber filters are the first such place
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-filtering.html): no
 * scope accepts the wildcard operator, and a `METADATA` filter matches exact values only (no
 * prefix, suffix, numeric, exists, anything-but, equals-ignore-case, cidr, nor `$or`).
 */
import type { PatternProblem } from "./errors";
import { parseJson, type JsonNode } from "./json";
import type { CompiledPattern, Condition } from "./model";

export interface PatternProfile {
  /** Named in messages: "… is not supported in <where>". */
  readonly where: string;
  /** Condition kinds the place refuses, with the reason said to the user. */
  readonly refuses: (condition: Condition) => string | undefined;
  readonly allowsOr: boolean;
}

function isWildcard(condition: Condition): boolean {
  return condition.kind === "wildcard" || (condition.kind === "anything-but" && condition.exclusion.type === "wildcard");
}

function operatorName(condition: Condition): string {
  if (condition.kind === "anything-but") return `anything-but (${condition.exclusion.type})`;
  return condition.kind;
}

/** A `DATA` or `SYSTEM_METADATA` subscriber filter: every operator but wildcards. */
export const SUBSCRIBER_FILTER_PROFILE: PatternProfile = {
  where: "subscriber filters",
  refuses: (condition) => (isWildcard(condition) ? "the wildcard operator" : undefined),
  allowsOr: true,
};

/** A `METADATA` subscriber filter: exact values only. */
export const METADATA_FILTER_PROFILE: PatternProfile = {
  where: "a METADATA filter, which matches exact values only",
  refuses: (condition) => (condition.kind === "exact" ? undefined : `the ${operatorName(condition)} operator`),
  allowsOr: false,
};

/**
 * A pipe's filter criteria (FilterCriteria.Filters[].Pattern): the "Pipe support" column of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * refuses anything-but with a prefix, a suffix, equals-ignore-case or a wildcard, and the
 * wildcard operator; every other operator, `$or` included, is supported.
 */
export const PIPE_FILTER_PROFILE: PatternProfile = {
  where: "EventBridge Pipes filters",
  refuses: (condition) => {
    if (condition.kind === "wildcard") return "the wildcard operator";
    if (condition.kind === "anything-but" && condition.exclusion.type !== "values") return `the ${operatorName(condition)} operator`;
    return undefined;
  },
  allowsOr: true,
};

/** The Custom Event Bus's filter scopes (eb-custom-bus-addressing.html). */
export type FilterScope = "DATA" | "METADATA" | "SYSTEM_METADATA";

/** The profile of a subscriber filter on `scope`. */
export function subscriberFilterProfile(scope: FilterScope): PatternProfile {
  return scope === "METADATA" ? METADATA_FILTER_PROFILE : SUBSCRIBER_FILTER_PROFILE;
}

/** What `profile` refuses in a pattern that is otherwise valid (`compiled` from `text`). */
export function profileProblems(text: string, compiled: CompiledPattern, profile: PatternProfile): PatternProblem[] {
  const problems: PatternProblem[] = [];
  const seen = new Set<number>();
  for (const branch of compiled.branches) {
    for (const field of branch.fields) {
      // `$or` repeats a field in several branches: report each leaf once.
      if (seen.has(field.span.offset)) continue;
      seen.add(field.span.offset);
      const refused = field.conditions.map(profile.refuses).find((reason) => reason !== undefined);
      if (refused !== undefined) {
        problems.push({
          code: "not-in-profile",
          path: field.path.split("."),
          offset: field.span.offset,
          message: `${field.path}: ${refused} is not supported in ${profile.where}`,
        });
      }
    }
  }
  if (!profile.allowsOr) {
    const or = findOr(parseJson(text), []);
    if (or) problems.unshift({ code: "not-in-profile", path: or.path, offset: or.offset, message: `$or is not supported in ${profile.where}` });
  }
  return problems;
}

function findOr(node: JsonNode, path: (string | number)[]): { path: (string | number)[]; offset: number } | undefined {
  if (node.kind !== "object") return undefined;
  for (const entry of node.entries) {
    if (entry.key === "$or") return { path: [...path, entry.key], offset: entry.keyStart };
    const inner = findOr(entry.value, [...path, entry.key]);
    if (inner) return inner;
  }
  return undefined;
}
