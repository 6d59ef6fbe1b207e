/**
 * Public API of the EventBridge event-pattern engine.
 *
 * `testEventPattern` behaves like AWS `TestEventPattern`; `validatePattern` reports every problem
 * as data; `explain` says why a pattern matches or not; `compilePattern` gives the model the
 * matchers share.
 */

import {
  analyzePattern,
  compilePattern,
  TEST_EVENT_PATTERN_MAX_LENGTH,
  type CompileOptions,
} from "./compile";
import type { PatternProblem } from "./errors";
import { readEvent } from "./event";
import { matchesEvent } from "./match";
import type { CompiledPattern } from "./model";
import { profileProblems, type PatternProfile } from "./profile";

export {
  compilePattern,
  DEFAULT_MAX_COMBINATIONS,
  TEST_EVENT_PATTERN_MAX_LENGTH,
  TOO_COMPLEX_REASON,
  type CompileOptions,
} from "./compile";
export { conditionHolds } from "./conditions";
export {
  InvalidEventError,
  InvalidEventPatternError,
  type PatternPath,
  type PatternProblem,
  type PatternProblemCode,
} from "./errors";
export { parseJson, type JsonNode } from "./json";
export { flattenJson, MAX_EVENT_BYTES, readEvent, REQUIRED_EVENT_FIELDS, type FlatEvent, type FlatValue } from "./event";
export {
  describeCondition,
  explain,
  type BranchExplanation,
  type Explanation,
  type FieldExplanation,
} from "./explain";
export { RuleMachine } from "./machine";
export { matchesEvent } from "./match";
export { METADATA_FILTER_PROFILE, PIPE_FILTER_PROFILE, SUBSCRIBER_FILTER_PROFILE, subscriberFilterProfile, type FilterScope, type PatternProfile } from "./profile";
export type * from "./model";

/**
 * Whether an event matches a pattern, as AWS `TestEventPattern` answers. Throws
 * `InvalidEventPatternError` for a bad pattern (checked first, up to 4,096 characters) and
 * `InvalidEventError` for a bad event.
 */
export function testEventPattern(eventPattern: string, event: string): boolean {
  const compiled = compilePattern(eventPattern, { maxLength: TEST_EVENT_PATTERN_MAX_LENGTH });
  return matchesEvent(compiled, readEvent(event));
}

export interface PatternValidation {
  readonly valid: boolean;
  /** Every problem found, in the order AWS would meet them; the first is the one AWS reports. */
  readonly problems: readonly PatternProblem[];
  /** The compiled pattern when valid. */
  readonly compiled: CompiledPattern | undefined;
}

export interface ValidateOptions extends CompileOptions {
  /** The restrictions of the place the pattern is used (a subscriber filter's scope); none for a rule. */
  readonly profile?: PatternProfile;
}

/**
 * Checks a pattern without throwing. Defaults to the 2,048-character rule limit; pass
 * `{ maxLength: TEST_EVENT_PATTERN_MAX_LENGTH }` to judge it as `testEventPattern` does. A
 * `profile`'s refusals are checked once the pattern is otherwise valid.
 */
export function validatePattern(text: string, options?: ValidateOptions): PatternValidation {
  const analysis = analyzePattern(text, options);
  const problems = analysis.compiled && options?.profile ? profileProblems(text, analysis.compiled, options.profile) : analysis.problems;
  return { valid: problems.length === 0, problems, compiled: problems.length === 0 ? analysis.compiled : undefined };
}
