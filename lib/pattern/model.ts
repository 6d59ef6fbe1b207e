/**
 * The compiled form of an EventBridge event pattern, shared by every matcher in this module.
 *
 * One front end (`compile.ts`) turns pattern text into this model, so the single-pattern
 * matcher, `explain` and the many-rules `RuleMachine` see exactly the same conditions and
 * can never disagree about what a pattern means.
 */

/** A scalar found in an event at some field path. Numbers keep their source lexeme. */
export type EventValue =
  | { readonly kind: "string"; readonly value: string }
  | {
      readonly kind: "number";
      /** The number exactly as written in the JSON text (`300.0`, `3e2`, `-0`). */
      readonly lexeme: string;
      /**
       * The IEEE-754 double when the lexeme is exactly representable (its decimal value equals
       * the shortest round-trip decimal of the double), otherwise `undefined`: such a number can
       * only ever match by its literal text, never numerically (lib/pattern/SEMANTICS.md,
       * "Numbers").
       */
      readonly comparable: number | undefined;
    }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" };

/** A numeric bound of a `numeric` condition; only comparable numbers are valid bounds. */
export interface NumericBound {
  readonly value: number;
  readonly inclusive: boolean;
}

/**
 * An IP range as fixed-width upper-case hex strings (8 digits for IPv4, 32 for IPv6), compared
 * lexicographically as event-ruler does.
 */
export interface IpRange {
  readonly version: 4 | 6;
  readonly first: string;
  readonly last: string;
}

/**
 * A wildcard pattern split at its unescaped `*`s: `a*b\*c` → `["a", "b*c"]`. A value matches
 * when it starts with the first part, ends with the last, and holds the middle ones in order.
 */
export interface WildcardGlob {
  readonly parts: readonly string[];
}

/** What an `anything-but` excludes; a value matches when it is present and not excluded. */
export type Exclusion =
  | {
      readonly type: "values";
      readonly strings: readonly string[];
      /** Excluded numbers: comparable ones compare numerically, the rest by lexeme. */
      readonly numbers: readonly { readonly lexeme: string; readonly comparable: number | undefined }[];
    }
  | { readonly type: "prefix"; readonly values: readonly string[] }
  | { readonly type: "suffix"; readonly values: readonly string[] }
  | { readonly type: "equals-ignore-case"; readonly values: readonly string[] }
  | { readonly type: "wildcard"; readonly globs: readonly WildcardGlob[] };

/** One element of a leaf array in a pattern. A leaf holds if any of its conditions does. */
export type Condition =
  | {
      readonly kind: "exact";
      readonly value: EventValue;
      /** Set when a string literal is an IP address: event-ruler then matches it as a one-address range. */
      readonly ip?: IpRange;
    }
  | { readonly kind: "prefix"; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: "suffix"; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: "equals-ignore-case"; readonly value: string }
  | { readonly kind: "wildcard"; readonly source: string; readonly glob: WildcardGlob }
  | { readonly kind: "numeric"; readonly lower?: NumericBound; readonly upper?: NumericBound }
  | { readonly kind: "cidr"; readonly source: string; readonly range: IpRange }
  | { readonly kind: "anything-but"; readonly exclusion: Exclusion }
  | { readonly kind: "exists"; readonly exists: boolean };

/** Where a leaf stands in the pattern text, for editors and explanations. */
export interface SourceSpan {
  /** Character offset (UTF-16 index into the pattern text) where the leaf's array starts. */
  readonly offset: number;
  readonly length: number;
}

/** The conditions a pattern puts on one field path, e.g. `detail.state`. */
export interface FieldMatcher {
  /** Event field path with keys joined by `.` (dotted pattern keys and nesting are the same). */
  readonly path: string;
  readonly conditions: readonly Condition[];
  readonly span: SourceSpan;
}

/**
 * One conjunction of field matchers. A pattern without `$or` compiles to one branch; `$or`
 * expands into the cross product of its alternatives (at most 1,000 branches).
 */
export interface PatternBranch {
  readonly fields: readonly FieldMatcher[];
  /**
   * Whether event keys that are the empty string are read: only when some path of the whole
   * pattern has an empty step, as Ruler decides it (`pathReadsEmptyKeys` in event.ts).
   */
  readonly readsEmptyKeys: boolean;
}

/** A validated, compiled pattern: it matches an event when any of its branches does. */
export interface CompiledPattern {
  readonly branches: readonly PatternBranch[];
}
