/**
 * The two errors the pattern engine throws. Everything else that goes wrong is a bug.
 *
 * Messages mirror AWS `TestEventPattern`: `InvalidEventPatternException` carries
 * `Event pattern is not valid. Reason: <reason>` and `ValidationException` for the event carries
 * `Parameter Event is not valid.`; the structured fields are for editors and UIs.
 */

/** Why a pattern was rejected; one code per family of AWS reasons. */
export type PatternProblemCode =
  | "too-long"
  | "syntax"
  | "not-an-object"
  | "empty-object"
  | "empty-array"
  | "leaf-not-array"
  | "invalid-value"
  | "unknown-operator"
  | "operator-value"
  | "multiple-keys"
  | "numeric"
  | "anything-but"
  | "wildcard"
  | "cidr"
  | "or"
  | "too-many-combinations"
  | "too-complex"
  /** Valid EventBridge syntax that the place it is used refuses (a validation profile). */
  | "not-in-profile";

/** A location in the pattern document: object keys and array indexes from the root. */
export type PatternPath = readonly (string | number)[];

/** One problem found in a pattern, as plain data. `message` is the AWS reason text. */
export interface PatternProblem {
  readonly code: PatternProblemCode;
  readonly path: PatternPath;
  readonly message: string;
  /** UTF-16 offset into the pattern text of the offending token. */
  readonly offset: number;
}

const PATTERN_PREFIX = "Event pattern is not valid. Reason: ";

export class InvalidEventPatternError extends Error {
  readonly reason: string;
  readonly code: PatternProblemCode;
  readonly path: PatternPath;
  readonly offset: number;

  constructor(problem: PatternProblem) {
    super(PATTERN_PREFIX + problem.message);
    this.name = "InvalidEventPatternError";
    this.reason = problem.message;
    this.code = problem.code;
    this.path = problem.path;
    this.offset = problem.offset;
  }
}

export class InvalidEventError extends Error {
  /** What is wrong with the event, for people; AWS itself says only `Parameter Event is not valid.` */
  readonly detail: string;

  constructor(detail: string) {
    super("Parameter Event is not valid.");
    this.name = "InvalidEventError";
    this.detail = detail;
  }
}
