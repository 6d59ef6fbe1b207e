/**
 * The one front end: pattern text → `CompiledPattern`, or the exact AWS reasons it is invalid.
 *
 * The walk mirrors event-ruler's `JsonRuleCompiler`, which reads the pattern as a token stream
 * and stops at the first problem; walking our tree in the same order yields the same first
 * problem, including when a grammar error comes before a JSON syntax error further on. In
 * collecting mode (`validatePattern`) the walk records a problem, skips the offending condition
 * or leaf and carries on, so an editor can show every problem at once; its first problem is the
 * one `compilePattern` throws.
 *
 * Checks beyond Ruler's grammar, in this order after it: the `$or` expansion limit (AWS docs: at
 * most 1,000 combinations) and the wildcard-complexity limit (lib/pattern/SEMANTICS.md, "Wildcard
 * complexity"). The size limit comes first of all. AWS publishes no text for the size and `$or`
 * limits; ours are `TOO_LONG_REASON` and `TOO_MANY_COMBINATIONS_REASON` below.
 */

import { EVENT_PATTERN_DEFAULT_QUOTA, EVENT_PATTERN_MAX_LENGTH } from "../limits";
import {
  InvalidEventPatternError,
  type PatternPath,
  type PatternProblem,
  type PatternProblemCode,
} from "./errors";
import { pathReadsEmptyKeys } from "./event";
import { ipLiteralRange, parseCidr } from "./ip";
import { parseJsonPartial, type JsonArray, type JsonNode, type JsonNumber, type JsonObject, type JsonSyntaxError } from "./json";
import type { CompiledPattern, Condition, Exclusion, FieldMatcher, WildcardGlob } from "./model";
import { comparableValue, numberValue } from "./numbers";
import { MAX_WILDCARD_COMPLEXITY, parseWildcard, wildcardComplexity } from "./wildcard";

export interface CompileOptions {
  /** Longest accepted pattern in UTF-16 code units; EventBridge's default quota is 2,048. */
  readonly maxLength?: number;
  /** Most `$or` combinations; AWS documents 1,000. */
  readonly maxCombinations?: number;
  /**
   * Highest accepted wildcard complexity per field; provisional AWS value 10
   * (SEMANTICS.md "Wildcard complexity").
   */
  readonly maxWildcardComplexity?: number;
}

/** `TestEventPattern` judges a pattern against the API's ceiling, not the rule quota. */
export const TEST_EVENT_PATTERN_MAX_LENGTH = EVENT_PATTERN_MAX_LENGTH;
export const DEFAULT_MAX_COMBINATIONS = 1000;

/** Our wording for the size limit (AWS publishes none). */
export const TOO_LONG_REASON = (length: number, max: number): string =>
  `Event pattern is too long: ${length} characters, the maximum is ${max}`;
/** Our wording for the `$or` limit (AWS publishes none). */
export const TOO_MANY_COMBINATIONS_REASON = (max: number): string =>
  `Too many combinations: $or expands to more than ${max} rule combinations`;
export const TOO_COMPLEX_REASON =
  "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";

/** Field names Ruler refuses inside `$or` (its `RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP`). */
const RESERVED_IN_OR: ReadonlySet<string> = /* @__PURE__ */ new Set([
  "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
  "=", "<", "<=", ">", ">=",
  "regex", "not-wildcard", "not-equals-ignore-case",
  "date-after", "date-on-or-after", "date-before", "date-on-or-before", "in-date-range",
  "ip-address-in-range", "ip-address-not-in-range",
]);

const ANYTHING_BUT_SUBTYPES: ReadonlySet<string> = /* @__PURE__ */ new Set(["equals-ignore-case", "prefix", "suffix", "wildcard"]);

/** Thrown inside the walk to stop it: at the first problem when not collecting, or at a syntax error. */
class Stop {}

type Branch = Map<string, FieldMatcher>;

export interface PatternAnalysis {
  /** Present exactly when there are no problems. */
  readonly compiled: CompiledPattern | undefined;
  readonly problems: readonly PatternProblem[];
}

/** Compiles a pattern or throws `InvalidEventPatternError` with the AWS reason. */
export function compilePattern(text: string, options: CompileOptions = {}): CompiledPattern {
  const result = new Compiler(text, options, false).run();
  const first = result.problems[0];
  if (first !== undefined || result.compiled === undefined) {
    throw new InvalidEventPatternError(
      first ?? { code: "syntax", path: [], message: "Filter is not an object", offset: 0 },
    );
  }
  return result.compiled;
}

/** Checks a pattern and returns every problem found; never throws for bad input. */
export function analyzePattern(text: string, options: CompileOptions = {}): PatternAnalysis {
  return new Compiler(text, options, true).run();
}

class Compiler {
  private readonly problems: PatternProblem[] = [];
  private syntaxError: JsonSyntaxError | undefined;
  private overLimit = false;
  private readonly maxCombinations: number;
  /** Where each leaf sits in the document, for problems found after the walk. */
  private readonly leafPaths = new Map<FieldMatcher, PatternPath>();

  constructor(
    private readonly text: string,
    private readonly options: CompileOptions,
    private readonly collect: boolean,
  ) {
    this.maxCombinations = options.maxCombinations ?? DEFAULT_MAX_COMBINATIONS;
  }

  run(): PatternAnalysis {
    try {
      const rules = this.walk();
      if (rules !== undefined) this.checkLimits(rules);
      if (this.problems.length > 0 || rules === undefined) return { compiled: undefined, problems: this.problems };
      const readsEmptyKeys = rules.some((rule) => [...rule.keys()].some(pathReadsEmptyKeys));
      return { compiled: { branches: rules.map((rule) => ({ fields: [...rule.values()], readsEmptyKeys })) }, problems: [] };
    } catch (e) {
      if (e instanceof Stop) return { compiled: undefined, problems: this.problems };
      throw e;
    }
  }

  /** Records a problem; stops the walk unless collecting. Always returns undefined, for `return this.fail(…)`. */
  private fail(code: PatternProblemCode, message: string, offset: number, path: PatternPath): undefined {
    this.problems.push({ code, path, message, offset });
    if (!this.collect) throw new Stop();
    return undefined;
  }

  /** Reading past the end of an unfinished container hits the syntax error: nothing can follow it. */
  private ensureComplete(node: JsonObject | JsonArray, path: PatternPath): void {
    if (node.complete) return;
    const error = this.syntaxError;
    this.problems.push({
      code: "syntax",
      path,
      message: error?.message ?? "Unexpected end-of-input",
      offset: error?.offset ?? this.text.length,
    });
    throw new Stop();
  }

  private walk(): Branch[] | undefined {
    const max = this.options.maxLength ?? EVENT_PATTERN_DEFAULT_QUOTA;
    if (this.text.length > max) this.fail("too-long", TOO_LONG_REASON(this.text.length, max), max, []);
    const { root, error } = parseJsonPartial(this.text);
    this.syntaxError = error;
    if (root === undefined) {
      const first = this.text.search(/[^ \t\r\n]/);
      const c = first < 0 ? "" : this.text.charAt(first);
      // Ruler checks the first token: a string or array opener already settles "not an object".
      if (error === undefined || c === "[" || c === '"') {
        return this.fail("not-an-object", "Filter is not an object", Math.max(first, 0), []);
      }
      return this.fail("syntax", error.message, error.offset, []);
    }
    if (root.kind !== "object") return this.fail("not-an-object", "Filter is not an object", root.start, []);
    const rules: Branch[] = [];
    this.parseObject(root, [], undefined, rules, false);
    if (error !== undefined) {
      // Text after the closing brace. Ruler stops reading there; we reject it (a deliberate choice).
      return this.fail("syntax", error.message, error.offset, []);
    }
    return rules;
  }

  /**
   * `steps`: the keys of the objects around `obj` joined with `.` (undefined at the root). A field
   * path is `steps.key`, or just `key` when `steps` is the empty string, as in Ruler: so
   * `{"": {"a": […]}}` reads `a`, while `{"": {"": {"a": […]}}}` reads `..a`.
   */
  private parseObject(obj: JsonObject, docPath: PatternPath, steps: string | undefined, rules: Branch[], inOr: boolean): void {
    for (const entry of obj.entries) {
      const key = entry.key;
      const path = [...docPath, key];
      if (key === "$or") {
        this.parseOr(entry.value, path, steps, rules);
        continue;
      }
      if (inOr && RESERVED_IN_OR.has(key)) {
        this.fail("or", `${key} is Ruler reserved fieldName which cannot be used inside $or.`, entry.keyStart, path);
        continue;
      }
      const value = entry.value;
      if (value.kind === "object") this.parseObject(value, path, steps === undefined ? key : `${steps}.${key}`, rules, inOr);
      else if (value.kind === "array") this.writeRules(value, path, steps === undefined || steps === "" ? key : `${steps}.${key}`, rules);
      else this.fail("leaf-not-array", `"${key}" must be an object or an array`, value.start, path);
    }
    this.ensureComplete(obj, docPath);
    if (obj.entries.length === 0) this.fail("empty-object", "Empty objects are not allowed", obj.start, docPath);
  }

  /** `$or`: every alternative gets a copy of the branches so far; later siblings apply to all. */
  private parseOr(value: JsonNode, path: PatternPath, steps: string | undefined, rules: Branch[]): void {
    const current = rules.map((rule) => new Map(rule));
    if (value.kind !== "array") {
      this.fail("or", "It must be an Array followed with $or.", value.start, path);
      return;
    }
    rules.length = 0;
    value.items.forEach((item, index) => {
      if (item.kind !== "object") {
        this.fail("or", "Only JSON object is allowed in array of $or relationship.", item.start, [...path, index]);
        return;
      }
      const alternative = current.map((rule) => new Map(rule));
      if (alternative.length === 0) alternative.push(new Map());
      this.parseObject(item, [...path, index], steps, alternative, true);
      if (this.overLimit) return;
      rules.push(...alternative);
      if (rules.length > this.maxCombinations) this.overLimit = true;
    });
    this.ensureComplete(value, path);
    if (value.items.length < 2) {
      this.fail("or", "There must have at least 2 Objects in $or relationship.", value.start, path);
    }
    if (this.overLimit) {
      // The pattern is already rejected; keep one branch so the walk can go on finding problems.
      rules.length = 0;
      rules.push(new Map());
    } else if (rules.length === 0) {
      rules.push(...current);
    }
  }

  private writeRules(arr: JsonArray, path: PatternPath, name: string, rules: Branch[]): void {
    const conditions: Condition[] = [];
    arr.items.forEach((item, index) => {
      const condition = this.matchValue(item, [...path, index]);
      if (condition !== undefined) conditions.push(condition);
    });
    this.ensureComplete(arr, path);
    if (arr.items.length === 0) {
      this.fail("empty-array", "Empty arrays are not allowed", arr.start, path);
      return;
    }
    if (conditions.length < arr.items.length) return;
    const matcher: FieldMatcher = { path: name, conditions, span: { offset: arr.start, length: arr.end - arr.start } };
    this.leafPaths.set(matcher, path);
    if (rules.length === 0) rules.push(new Map());
    for (const rule of rules) rule.set(name, matcher);
  }

  private matchValue(item: JsonNode, path: PatternPath): Condition | undefined {
    switch (item.kind) {
      case "object":
        return this.matchExpression(item, path);
      case "string": {
        // Ruler compiles a string that is an IP literal into a one-address range
        // (SEMANTICS.md "Exact values").
        const ip = ipLiteralRange(item.value);
        const value = { kind: "string", value: item.value } as const;
        return ip === undefined ? { kind: "exact", value } : { kind: "exact", value, ip };
      }
      case "number":
        return { kind: "exact", value: numberValue(item.lexeme) };
      case "true":
      case "false":
        return { kind: "exact", value: { kind: "boolean", value: item.kind === "true" } };
      case "null":
        return { kind: "exact", value: { kind: "null" } };
      case "array":
        return this.fail("invalid-value", "Match value must be String, number, true, false, or null", item.start, path);
    }
  }

  /** After an operator's value, the object must close; a second key is an error with the given text. */
  private closeOperator(
    obj: JsonObject,
    path: PatternPath,
    condition: Condition,
    message = "Only one key allowed in match expression",
  ): Condition | undefined {
    const second = obj.entries[1];
    if (second !== undefined) {
      return this.fail("multiple-keys", message, second.keyStart, [...path, second.key]);
    }
    this.ensureComplete(obj, path);
    return condition;
  }

  private matchExpression(obj: JsonObject, path: PatternPath): Condition | undefined {
    const first = obj.entries[0];
    if (first === undefined) {
      this.ensureComplete(obj, path);
      return this.fail("unknown-operator", "Match expression name not found", obj.start, path);
    }
    const name = first.key;
    const value = first.value;
    const opPath = [...path, name];
    switch (name) {
      case "prefix":
      case "suffix": {
        if (value.kind === "object") return this.affixIgnoreCase(obj, value, name, path);
        if (value.kind !== "string") {
          return this.fail("operator-value", `${name} match pattern must be a string`, value.start, opPath);
        }
        return this.closeOperator(obj, path, { kind: name, value: value.value, ignoreCase: false });
      }
      case "numeric": {
        if (value.kind !== "array") return this.fail("numeric", "Value of numeric must be an array.", value.start, opPath);
        const condition = this.numeric(value, opPath);
        if (condition === undefined) return undefined;
        return this.closeOperator(obj, path, condition, "Too many elements in numeric expression");
      }
      case "anything-but":
        return this.anythingBut(obj, value, path);
      case "exists": {
        if (value.kind !== "true" && value.kind !== "false") {
          return this.fail("operator-value", "exists match pattern must be either true or false.", value.start, opPath);
        }
        return this.closeOperator(obj, path, { kind: "exists", exists: value.kind === "true" });
      }
      case "cidr": {
        // Ruler's text for a non-string CIDR really does say "prefix".
        if (value.kind !== "string") {
          return this.fail("operator-value", "prefix match pattern must be a string", value.start, opPath);
        }
        const parsed = parseCidr(value.value);
        if (!parsed.ok) return this.fail("cidr", parsed.reason, value.start, opPath);
        return this.closeOperator(obj, path, { kind: "cidr", source: value.value, range: parsed.range });
      }
      case "equals-ignore-case": {
        if (value.kind !== "string") {
          return this.fail("operator-value", "equals-ignore-case match pattern must be a string", value.start, opPath);
        }
        return this.closeOperator(obj, path, { kind: "equals-ignore-case", value: value.value });
      }
      case "wildcard": {
        if (value.kind !== "string") {
          return this.fail("operator-value", "wildcard match pattern must be a string", value.start, opPath);
        }
        const parsed = parseWildcard(value.value);
        if (!parsed.ok) return this.fail("wildcard", parsed.reason, value.start, opPath);
        return this.closeOperator(obj, path, { kind: "wildcard", source: value.value, glob: parsed.glob });
      }
      default:
        // Includes Ruler's undocumented `exactly`, which EventBridge does not advertise
        // (SEMANTICS.md "Not operators").
        return this.fail("unknown-operator", `Unrecognized match type ${name}`, first.keyStart, opPath);
    }
  }

  /** `{"prefix": {"equals-ignore-case": "x"}}` and the suffix twin. */
  private affixIgnoreCase(
    outer: JsonObject,
    inner: JsonObject,
    name: "prefix" | "suffix",
    path: PatternPath,
  ): Condition | undefined {
    const innerPath = [...path, name];
    const entry = inner.entries[0];
    if (entry === undefined) {
      this.ensureComplete(inner, innerPath);
      const label = name === "prefix" ? "Prefix" : "Suffix";
      return this.fail("operator-value", `${label} expression name not found`, inner.start, innerPath);
    }
    const entryPath = [...innerPath, entry.key];
    if (entry.key !== "equals-ignore-case") {
      return this.fail("unknown-operator", `Unsupported ${name} pattern: ${entry.key}`, entry.keyStart, entryPath);
    }
    if (entry.value.kind !== "string") {
      return this.fail("operator-value", "equals-ignore-case match pattern must be a string", entry.value.start, entryPath);
    }
    const condition: Condition = { kind: name, value: entry.value.value, ignoreCase: true };
    if (this.closeOperator(inner, innerPath, condition) === undefined) return undefined;
    return this.closeOperator(outer, path, condition);
  }

  private numeric(arr: JsonArray, path: PatternPath): Condition | undefined {
    const items = arr.items;
    /** The k-th token, or undefined for the closing bracket (reading past a cut-off array is a syntax error). */
    const token = (k: number): JsonNode | undefined => {
      if (k >= items.length) this.ensureComplete(arr, path);
      return items[k];
    };
    const text = (node: JsonNode | undefined): string => {
      if (node === undefined) return "]";
      switch (node.kind) {
        case "number": return node.lexeme;
        case "string": return node.value;
        case "object": return "{";
        case "array": return "[";
        default: return node.kind;
      }
    };
    const at = (node: JsonNode | undefined): number => (node ?? arr).start;
    const bound = (node: JsonNumber): number | undefined => {
      const value = comparableValue(node.lexeme);
      if (value === undefined) this.fail("numeric", `Cannot compare number : ${node.lexeme}`, node.start, path);
      return value;
    };
    /** The bound of a one-number expression (`["=", n]`, `["<", n]`): a third element is an error. */
    const soleBound = (node: JsonNumber): number | undefined => {
      const extra = token(2);
      if (extra !== undefined) return this.fail("numeric", "Too many elements in numeric expression", extra.start, path);
      return bound(node);
    };

    const t0 = token(0);
    if (t0 === undefined || t0.kind !== "string") {
      return this.fail("numeric", `Invalid member in numeric match: ${text(t0)}`, at(t0), path);
    }
    const op = t0.value;
    const t1 = token(1);
    switch (op) {
      case "=": {
        if (t1?.kind !== "number") return this.fail("numeric", "Value of equals must be numeric", at(t1), path);
        const value = soleBound(t1);
        if (value === undefined) return undefined;
        return { kind: "numeric", lower: { value, inclusive: true }, upper: { value, inclusive: true } };
      }
      case ">":
      case ">=": {
        if (t1?.kind !== "number") return this.fail("numeric", `Value of ${op} must be numeric`, at(t1), path);
        const t2 = token(2);
        if (t2 === undefined) {
          const value = bound(t1);
          if (value === undefined) return undefined;
          return { kind: "numeric", lower: { value, inclusive: op === ">=" } };
        }
        return this.numericRange(t1, op === ">=", t2, token, text, path);
      }
      case "<":
      case "<=": {
        if (t1?.kind !== "number") return this.fail("numeric", `Value of ${op} must be numeric`, at(t1), path);
        const value = soleBound(t1);
        if (value === undefined) return undefined;
        return { kind: "numeric", upper: { value, inclusive: op === "<=" } };
      }
      default:
        return this.fail("numeric", `Unrecognized numeric range operator: ${op}`, t0.start, path);
    }
  }

  private numericRange(
    low: JsonNumber,
    lowInclusive: boolean,
    t2: JsonNode,
    token: (k: number) => JsonNode | undefined,
    text: (node: JsonNode | undefined) => string,
    path: PatternPath,
  ): Condition | undefined {
    if (t2.kind !== "string") return this.fail("numeric", `Bad value in numeric range: ${text(t2)}`, t2.start, path);
    const op = t2.value;
    if (op !== "<" && op !== "<=") return this.fail("numeric", `Bad numeric range operator: ${op}`, t2.start, path);
    const t3 = token(3);
    if (t3?.kind !== "number") return this.fail("numeric", `Value of ${op} must be numeric`, (t3 ?? t2).start, path);
    const extra = token(4);
    if (extra !== undefined) return this.fail("numeric", "Too many terms in numeric range expression", extra.start, path);
    const bottom = comparableValue(low.lexeme);
    if (bottom === undefined) return this.fail("numeric", `Cannot compare number : ${low.lexeme}`, low.start, path);
    const top = comparableValue(t3.lexeme);
    if (top === undefined) return this.fail("numeric", `Cannot compare number : ${t3.lexeme}`, t3.start, path);
    if (bottom >= top) return this.fail("numeric", "Bottom must be less than top", low.start, path);
    return {
      kind: "numeric",
      lower: { value: bottom, inclusive: lowInclusive },
      upper: { value: top, inclusive: op === "<=" },
    };
  }

  private anythingBut(obj: JsonObject, value: JsonNode, path: PatternPath): Condition | undefined {
    const opPath = [...path, "anything-but"];
    let subtype: string | undefined;
    let inner: JsonObject | undefined;
    let target = value;
    let targetPath: PatternPath = opPath;
    if (value.kind === "object") {
      inner = value;
      const entry = value.entries[0];
      if (entry === undefined) {
        this.ensureComplete(value, opPath);
        return this.fail("anything-but", "Anything-But expression name not found", value.start, opPath);
      }
      targetPath = [...opPath, entry.key];
      if (!ANYTHING_BUT_SUBTYPES.has(entry.key)) {
        return this.fail("anything-but", `Unsupported anything-but pattern: ${entry.key}`, entry.keyStart, targetPath);
      }
      subtype = entry.key;
      target = entry.value;
    }
    if (target.kind !== "array" && target.kind !== "string" && target.kind !== "number") {
      return this.fail(
        "anything-but",
        "Value of anything-but must be an array or single string/number value.",
        target.start,
        targetPath,
      );
    }
    const exclusion =
      subtype === undefined
        ? this.plainExclusion(target, targetPath)
        : this.setExclusion(subtype, target, targetPath);
    if (exclusion === undefined) return undefined;
    const condition: Condition = { kind: "anything-but", exclusion };
    const tooMany = "Too many elements in numeric expression";
    if (inner !== undefined && this.closeOperator(inner, opPath, condition, tooMany) === undefined) return undefined;
    return this.closeOperator(obj, path, condition, tooMany);
  }

  private excludedNumber(node: JsonNumber, path: PatternPath): { lexeme: string; comparable: number } | undefined {
    const comparable = comparableValue(node.lexeme);
    if (comparable === undefined) return this.fail("numeric", `Cannot compare number : ${node.lexeme}`, node.start, path);
    return { lexeme: node.lexeme, comparable };
  }

  /** `{"anything-but": "x" | 5 | ["x", …] | [5, …]}`. */
  private plainExclusion(target: JsonNode, path: PatternPath): Exclusion | undefined {
    if (target.kind === "string") return { type: "values", strings: [target.value], numbers: [] };
    if (target.kind === "number") {
      const n = this.excludedNumber(target, path);
      return n === undefined ? undefined : { type: "values", strings: [], numbers: [n] };
    }
    if (target.kind !== "array") return undefined;
    const strings: string[] = [];
    const numbers: { lexeme: string; comparable: number }[] = [];
    for (const [index, item] of target.items.entries()) {
      if (item.kind === "string") strings.push(item.value);
      else if (item.kind === "number") {
        const n = this.excludedNumber(item, [...path, index]);
        if (n === undefined) return undefined;
        numbers.push(n);
      } else {
        return this.fail(
          "anything-but",
          "Inside anything but list, start|null|boolean is not supported.",
          item.start,
          [...path, index],
        );
      }
    }
    this.ensureComplete(target, path);
    if ((strings.length > 0) === (numbers.length > 0)) {
      return this.fail(
        "anything-but",
        "Inside anything but list, either all values are number or string, mixed type is not supported",
        target.start,
        path,
      );
    }
    return { type: "values", strings, numbers };
  }

  /** `{"anything-but": {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": "x" | ["x", …]}}`. */
  private setExclusion(subtype: string, target: JsonNode, path: PatternPath): Exclusion | undefined {
    const items = target.kind === "array" ? target.items : [target];
    const values: string[] = [];
    for (const [index, item] of items.entries()) {
      const itemPath = target.kind === "array" ? [...path, index] : path;
      if (item.kind !== "string") {
        const message =
          subtype === "equals-ignore-case"
            ? "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
            : subtype === "wildcard"
              ? "wildcard match pattern must be a string"
              : "prefix/suffix match pattern must be a string";
        return this.fail("anything-but", message, item.start, itemPath);
      }
      if ((subtype === "prefix" || subtype === "suffix") && item.value === "") {
        return this.fail("anything-but", "Null prefix/suffix not allowed", item.start, itemPath);
      }
      values.push(item.value);
    }
    if (target.kind === "array") this.ensureComplete(target, path);
    switch (subtype) {
      case "prefix":
        return { type: "prefix", values };
      case "suffix":
        return { type: "suffix", values };
      case "equals-ignore-case":
        return { type: "equals-ignore-case", values };
      default: {
        const globs: WildcardGlob[] = [];
        for (const [index, text] of values.entries()) {
          const parsed = parseWildcard(text);
          const item = items[index];
          if (!parsed.ok) {
            return this.fail("wildcard", parsed.reason, item?.start ?? target.start, target.kind === "array" ? [...path, index] : path);
          }
          globs.push(parsed.glob);
        }
        return { type: "wildcard", globs };
      }
    }
  }

  /** The limits AWS adds to Ruler's grammar, checked once the pattern is otherwise well formed. */
  private checkLimits(rules: readonly Branch[]): void {
    if (this.overLimit) {
      this.fail("too-many-combinations", TOO_MANY_COMBINATIONS_REASON(this.maxCombinations), 0, []);
    }
    const max = this.options.maxWildcardComplexity ?? MAX_WILDCARD_COMPLEXITY;
    // One byte machine per field path holds every wildcard on it, across `$or` branches.
    const byPath = new Map<string, { globs: Map<string, WildcardGlob>; first: FieldMatcher }>();
    for (const rule of rules) {
      for (const field of rule.values()) {
        for (const condition of field.conditions) {
          if (condition.kind !== "wildcard") continue;
          let entry = byPath.get(field.path);
          if (entry === undefined) {
            entry = { globs: new Map(), first: field };
            byPath.set(field.path, entry);
          }
          entry.globs.set(condition.source, condition.glob);
        }
      }
    }
    for (const { globs, first } of byPath.values()) {
      if (wildcardComplexity([...globs.values()], max + 1) > max) {
        this.fail("too-complex", TOO_COMPLEX_REASON, first.span.offset, this.leafPaths.get(first) ?? []);
      }
    }
  }
}
