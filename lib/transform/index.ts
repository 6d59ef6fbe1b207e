/**
 * What an EventBridge rule target receives: the matched event, a constant `Input`, the part of
 * the event an `InputPath` selects, or an `InputTransformer`'s template filled from the event.
 * Pure TypeScript shared by the local bus (lib/emulator) and the lab.
 *
 *   validateTargetInput("t1", { inputTransformer: {...} })   // throws TargetInputError like PutTargets
 *   renderTargetInput(spec, eventText, { ruleArn, ruleName, ingestionTime })  // the delivered text
 *
 * Templates follow AWS's two kinds (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html):
 * - a template surrounded by braces is a JSON template. A placeholder standing as a JSON value is
 *   replaced by the value as JSON (a string gets its quotes; a missing value gives `""`). A
 *   placeholder inside a string literal is replaced by the value's text, unescaped, as AWS does
 *   ("EventBridge doesn't escape values extracted by Input Path"): an object, an array, or text
 *   with `"` or a line break then breaks the JSON, and AWS does not deliver a result that is not
 *   JSON (`renderTargetInput` throws `UndeliverableInputError`).
 * - any other template is a string template, delivered exactly as written, quotes and line breaks
 *   included. Values are inserted as text; an object or array loses its quotes
 *   (`[ACTIVE,INACTIVE]`, `{acc_id:0a78,sf_id:baz}`), as AWS writes them.
 */
import { isJson, jsonProblem } from "../format";
import { parseJsonPath, selectJsonPath, type JsonValue } from "./json-path";

export { parseJsonPath, selectJsonPath, type JsonPath, type JsonValue } from "./json-path";

export interface InputTransformer {
  readonly inputPathsMap?: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

/** The input fields of an AWS `Target`; at most one may be set. */
export interface TargetInputSpec {
  readonly input?: string;
  readonly inputPath?: string;
  readonly inputTransformer?: InputTransformer;
}

export interface TransformContext {
  readonly ruleArn: string;
  readonly ruleName: string;
  /** ISO 8601 time the bus received the event. */
  readonly ingestionTime: string;
}

export const MAX_INPUT_PATHS = 100;
export const MAX_INPUT_TEMPLATE_LENGTH = 8192;
export const MAX_INPUT_LENGTH = 8192;
export const MAX_INPUT_PATH_LENGTH = 256;

const STRING_VARIABLES = ["aws.events.rule-arn", "aws.events.rule-name", "aws.events.event.ingestion-time"] as const;
const JSON_VARIABLES = ["aws.events.event", "aws.events.event.json"] as const;
/** Variables EventBridge defines itself; an InputPathsMap may not redefine them. */
export const RESERVED_VARIABLES: readonly string[] = [...STRING_VARIABLES, ...JSON_VARIABLES];

const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
const PLACEHOLDER = /<([^<>]*)>/g;

/** A target input AWS would reject at PutTargets; `message` is AWS's ValidationException text. */
export class TargetInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetInputError";
  }
}

/**
 * A filled-in JSON template that is not JSON: AWS does not deliver it to the target, so the local
 * bus records a failed delivery with this message as the reason.
 */
export class UndeliverableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UndeliverableInputError";
  }
}

/** Checks a target's input fields as PutTargets does; throws `TargetInputError`. */
export function validateTargetInput(targetId: string, spec: TargetInputSpec): void {
  const given = [spec.input, spec.inputPath, spec.inputTransformer].filter((v) => v !== undefined);
  if (given.length > 1) {
    throw new TargetInputError(`Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`);
  }
  if (spec.input !== undefined) {
    if (spec.input.length > MAX_INPUT_LENGTH) {
      throw new TargetInputError(`Input for target ${targetId} is longer than ${MAX_INPUT_LENGTH} characters.`);
    }
    if (!isJson(spec.input)) throw new TargetInputError(`Input for target ${targetId} is not a valid JSON text.`);
  }
  if (spec.inputPath !== undefined && !validPath(spec.inputPath)) {
    throw new TargetInputError(`InputPath for target ${targetId} is not a valid JSON path: ${spec.inputPath}`);
  }
  if (spec.inputTransformer !== undefined) validateTransformer(targetId, spec.inputTransformer);
}

function validateTransformer(targetId: string, transformer: InputTransformer): void {
  const map = transformer.inputPathsMap ?? {};
  const keys = Object.keys(map);
  if (keys.length > MAX_INPUT_PATHS) {
    throw new TargetInputError(
      `InputPathsMap for target ${targetId} has ${keys.length} entries; at most ${MAX_INPUT_PATHS} are allowed.`,
    );
  }
  for (const key of keys) {
    if (RESERVED_VARIABLES.includes(key)) {
      throw new TargetInputError(`InputPathsMap for target ${targetId} contains reserved key ${key}.`);
    }
    if (!KEY_PATTERN.test(key) || key.length > 256) {
      throw new TargetInputError(`InputPathsMap for target ${targetId} contains invalid key ${key}.`);
    }
    if (!validPath(map[key])) {
      throw new TargetInputError(`InputPathsMap for target ${targetId} contains invalid JSON path ${map[key]} for key ${key}.`);
    }
  }
  const template = transformer.inputTemplate;
  if (template.length < 1 || template.length > MAX_INPUT_TEMPLATE_LENGTH) {
    throw new TargetInputError(
      `InputTemplate for target ${targetId} must be between 1 and ${MAX_INPUT_TEMPLATE_LENGTH} characters long.`,
    );
  }
  const json = isJsonTemplate(template);
  const placeholders = locatePlaceholders(template, json);
  for (const placeholder of placeholders) {
    const name = placeholder.name;
    if (!Object.hasOwn(map, name) && !RESERVED_VARIABLES.includes(name)) {
      throw new TargetInputError(`InputTemplate for target ${targetId} contains invalid placeholder ${name}.`);
    }
    if ((JSON_VARIABLES as readonly string[]).includes(name) && (!json || placeholder.inString)) {
      throw new TargetInputError(
        `InputTemplate for target ${targetId} contains placeholder ${name} valid only for JSON template.`,
      );
    }
    if (placeholder.inKey) {
      throw new TargetInputError(`InputTemplate for target ${targetId} uses placeholder ${name} as an object key.`);
    }
  }
  if (json) {
    // Fill every placeholder with a neutral value of its position's kind: the rest must be JSON.
    const sample = fill(template, placeholders, (p) => (p.inString ? "" : "null"));
    if (!isJson(sample)) {
      throw new TargetInputError(`InputTemplate for target ${targetId} is not valid JSON once its placeholders are filled in.`);
    }
  }
}

/**
 * The text the target receives for an event, or `undefined` when an InputPath selects nothing
 * (AWS then delivers nothing). `eventText` is the event JSON as the bus stored it.
 */
export function renderTargetInput(spec: TargetInputSpec, eventText: string, context: TransformContext): string | undefined {
  if (spec.input !== undefined) return spec.input;
  if (spec.inputPath !== undefined) {
    const path = parseJsonPath(spec.inputPath);
    if (path === undefined) throw new TargetInputError(`InputPath is not a valid JSON path: ${spec.inputPath}`);
    const value = selectJsonPath(JSON.parse(eventText) as JsonValue, path);
    return value === undefined ? undefined : JSON.stringify(value);
  }
  if (spec.inputTransformer !== undefined) return renderTemplate(spec.inputTransformer, eventText, context);
  return eventText;
}

function renderTemplate(transformer: InputTransformer, eventText: string, context: TransformContext): string {
  const event = JSON.parse(eventText) as JsonValue;
  const values = new Map<string, JsonValue | undefined>();
  for (const [key, pathText] of Object.entries(transformer.inputPathsMap ?? {})) {
    const path = parseJsonPath(pathText);
    values.set(key, path === undefined ? undefined : selectJsonPath(event, path));
  }
  values.set("aws.events.rule-arn", context.ruleArn);
  values.set("aws.events.rule-name", context.ruleName);
  values.set("aws.events.event.ingestion-time", context.ingestionTime);
  values.set("aws.events.event.json", event);
  values.set("aws.events.event", envelopeOf(event));

  return fillTemplate(transformer.inputTemplate, (name) => values.get(name));
}

/**
 * `template` with each `<name>` replaced by `valueOf(name)` under the rules above (a JSON or a
 * string template): rule targets' InputTransformer and pipes' InputTemplate share them. Throws
 * UndeliverableInputError when a JSON template does not fill to JSON.
 */
export function fillTemplate(template: string, valueOf: (name: string) => JsonValue | undefined): string {
  const json = isJsonTemplate(template);
  const output = fill(template, locatePlaceholders(template, json), (placeholder) => {
    const value = valueOf(placeholder.name);
    if (!json) return textOf(value, { unquoted: true });
    if (placeholder.inString) return textOf(value, { unquoted: false });
    return value === undefined ? '""' : JSON.stringify(value);
  });
  if (json) {
    const problem = jsonProblem(output);
    if (problem !== undefined) {
      throw new UndeliverableInputError(
        `The filled-in InputTemplate is not valid JSON (${problem}), so AWS does not deliver it. A value inside quotes goes in ` +
          `unescaped: an object, an array, a quote or a line break there breaks the JSON (write <name> without quotes for JSON). Result: ${excerpt(output)}`,
      );
    }
  }
  return output;
}

/**
 * A value as text: a string as it is, a missing value as nothing, other scalars as JSON, objects
 * and arrays as JSON (without any quotes where AWS removes them, in string templates).
 */
function textOf(value: JsonValue | undefined, { unquoted }: { unquoted: boolean }): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  const text = JSON.stringify(value);
  return unquoted && typeof value === "object" && value !== null ? text.replaceAll('"', "") : text;
}

const ENVELOPE_ORDER: readonly string[] = ["id", "account", "detail-type", "time", "source", "region", "resources", "version"];

/**
 * `<aws.events.event>`: the event without its detail, `detail-type` spelled `detailType`, keys in
 * the order AWS delivers them.
 */
function envelopeOf(event: JsonValue): JsonValue {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return event;
  const envelope: Record<string, JsonValue> = {};
  for (const key of ENVELOPE_ORDER) {
    if (Object.hasOwn(event, key)) envelope[key === "detail-type" ? "detailType" : key] = event[key];
  }
  for (const [key, value] of Object.entries(event)) {
    if (key !== "detail" && !ENVELOPE_ORDER.includes(key)) envelope[key] = value;
  }
  return envelope;
}

export function isJsonTemplate(template: string): boolean {
  const trimmed = template.trim();
  return trimmed.startsWith("{") && trimmed.endsWith("}");
}

interface Placeholder {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Inside a JSON string literal of a JSON template. */
  readonly inString: boolean;
  /** Inside a string literal that is an object key. */
  readonly inKey: boolean;
}

function locatePlaceholders(template: string, json: boolean): Placeholder[] {
  const strings = json ? stringLiterals(template) : [];
  const found: Placeholder[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const start = match.index;
    const literal = strings.find((s) => s.start < start && start < s.end);
    found.push({
      name: match[1],
      start,
      end: start + match[0].length,
      inString: literal !== undefined,
      inKey: literal?.isKey ?? false,
    });
  }
  return found;
}

interface StringLiteral {
  readonly start: number;
  readonly end: number;
  readonly isKey: boolean;
}

/** The double-quoted string literals of a JSON template (positions of their quotes). */
function stringLiterals(template: string): StringLiteral[] {
  const literals: StringLiteral[] = [];
  let i = 0;
  while (i < template.length) {
    if (template[i] !== '"') {
      i++;
      continue;
    }
    const start = i++;
    while (i < template.length && template[i] !== '"') i += template[i] === "\\" ? 2 : 1;
    const end = i++;
    const after = template.slice(i).trimStart();
    literals.push({ start, end, isKey: after.startsWith(":") });
  }
  return literals;
}

function fill(template: string, placeholders: readonly Placeholder[], valueOf: (p: Placeholder) => string): string {
  let out = "";
  let last = 0;
  for (const placeholder of placeholders) {
    out += template.slice(last, placeholder.start) + valueOf(placeholder);
    last = placeholder.end;
  }
  return out + template.slice(last);
}

function validPath(text: string): boolean {
  return text.length <= MAX_INPUT_PATH_LENGTH && parseJsonPath(text) !== undefined;
}

function excerpt(text: string): string {
  return text.length <= 300 ? text : `${text.slice(0, 300)}…`;
}
