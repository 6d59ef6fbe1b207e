/**
 * A Classic target's input (matched event, InputPath, constant Input, InputTransformer) as a
 * Custom Event Bus subscriber transform. Events published with PutEvents keep their whole
 * envelope as `Data` (eb-custom-bus-addressing.html), so a Classic JSON path `$.x` reads
 * `$events.Data.x`; "Input transformer → a transformer with a type of JSONATA" is AWS's own
 * mapping (eb-custom-bus-migrate.html).
 */
import type { InputMode, SubscriberTransform } from "@/lib/graph";
import { isJsonTemplate, parseJsonPath } from "@/lib/transform";

export type TransformConversion =
  | { readonly ok: true; readonly transform: SubscriberTransform; readonly caveats: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** JSONata's name for a field: plain when it is an identifier, back-quoted otherwise. */
function field(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``;
}

/** A Classic JSON path as a JSONata path over `$events.Data`, or `undefined` when it is not valid. */
export function jsonataPath(path: string): { expression: string; wildcard: boolean } | undefined {
  const parsed = parseJsonPath(path);
  if (parsed === undefined) return undefined;
  let expression = "$events.Data";
  for (const step of parsed.steps) {
    if (step.type === "field") expression += `.${field(step.name)}`;
    else if (step.type === "index") expression += `[${step.index}]`;
    else expression += ".*";
  }
  return { expression, wildcard: parsed.hasWildcard };
}

const jsonata = (body: string): SubscriberTransform => ({ type: "JSONATA", expression: `{% ${body} %}` });

const WILDCARD_CAVEAT = "a JSON path with a wildcard: JSONata returns a single match as a value, not as a one-element array";

export function convertInput(input: InputMode, ruleName: string): TransformConversion {
  switch (input.type) {
    case "matched-event":
      // RAW delivers Data, which for PutEvents is the whole event: what the rule's target got.
      return { ok: true, transform: { type: "RAW" }, caveats: [] };
    case "constant":
      // A JSON text is a JSONata expression that evaluates to itself.
      return { ok: true, transform: jsonata(input.input), caveats: [] };
    case "input-path": {
      const path = jsonataPath(input.inputPath);
      if (path === undefined) return { ok: false, reason: `InputPath ${input.inputPath} is not a valid JSON path` };
      return { ok: true, transform: jsonata(path.expression), caveats: path.wildcard ? [WILDCARD_CAVEAT] : [] };
    }
    case "input-transformer":
      return convertTemplate(input.inputPathsMap, input.inputTemplate, ruleName);
  }
}

/** What each predefined placeholder of a Classic template reads, in JSONata. */
function predefined(name: string, ruleName: string): string | undefined {
  switch (name) {
    case "aws.events.rule-name":
      return JSON.stringify(ruleName);
    case "aws.events.event.ingestion-time":
      return "$events.SystemMetadata.`aws:IngestionTime`";
    case "aws.events.event.json":
      return "$events.Data";
    case "aws.events.event":
      // The event without `detail`, `detail-type` spelled `detailType`, as Classic gives it.
      return '$merge([$sift($events.Data, function($v, $k) { $not($k in ["detail", "detail-type"]) }), { "detailType": $events.Data.`detail-type` }])';
    default:
      return undefined;
  }
}

const PLACEHOLDER = /<([^<>]*)>/g;

function convertTemplate(pathsMap: Readonly<Record<string, string>>, template: string, ruleName: string): TransformConversion {
  const caveats = new Set<string>(["a field the event lacks is left out, where Classic put an empty string"]);
  const expressions = new Map<string, string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (expressions.has(name)) continue;
    if (name === "aws.events.rule-arn") return { ok: false, reason: "<aws.events.rule-arn> has no equivalent: a subscriber has no rule" };
    const mapped = pathsMap[name];
    const builtIn = mapped === undefined ? predefined(name, ruleName) : undefined;
    if (mapped !== undefined) {
      const path = jsonataPath(mapped);
      if (path === undefined) return { ok: false, reason: `InputPathsMap ${name}: ${mapped} is not a valid JSON path` };
      if (path.wildcard) caveats.add(WILDCARD_CAVEAT);
      expressions.set(name, path.expression);
    } else if (builtIn !== undefined) {
      if (name === "aws.events.rule-name") caveats.add(`<aws.events.rule-name> becomes the constant "${ruleName}"`);
      expressions.set(name, builtIn);
    } else {
      return { ok: false, reason: `<${name}> is not defined in InputPathsMap` };
    }
  }
  const value = (name: string) => `(${expressions.get(name)!})`;
  const text = (name: string) => `$string(${expressions.get(name)!})`;

  if (isJsonTemplate(template)) return { ok: true, transform: jsonata(jsonTemplate(template, value, text)), caveats: [...caveats] };
  const trimmed = template.trim();
  const quoted = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"');
  if (!quoted) caveats.add("a string template is delivered as a JSON string, in quotes, where Classic delivered the bare text");
  return { ok: true, transform: jsonata(concatenation(quoted ? trimmed.slice(1, -1) : template, text)), caveats: [...caveats] };
}

/** `a <x> b` as `"a " & $string(x) & " b"`. */
function concatenation(body: string, text: (name: string) => string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(JSON.stringify(body.slice(last, match.index)));
    parts.push(text(match[1]!));
    last = match.index + match[0].length;
  }
  if (last < body.length || parts.length === 0) parts.push(JSON.stringify(body.slice(last)));
  return parts.join(" & ");
}

/**
 * A JSON template as a JSONata object constructor: a placeholder in value position becomes its
 * expression, one inside a string literal a concatenation (Classic inserts a string's text there,
 * anything else as JSON, which is what `$string` gives).
 */
function jsonTemplate(template: string, value: (name: string) => string, text: (name: string) => string): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '"') {
      const end = stringEnd(template, i);
      const literal = template.slice(i, end);
      const inner = literal.slice(1, -1);
      out += /<[^<>]*>/.test(inner) ? `(${concatenation(JSON.parse(literal) as string, text)})` : literal;
      i = end;
    } else if (ch === "<") {
      const close = template.indexOf(">", i);
      out += value(template.slice(i + 1, close));
      i = close + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Index just past the string literal opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}
