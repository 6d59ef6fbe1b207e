/**
 * A realistic sample event from EventBridge schema registry content: OpenAPI 3 (the registry's
 * own format: `components.schemas.AWSEvent` with `x-amazon-events-source` and
 * `x-amazon-events-detail-type`, `detail` a `$ref` to another component) or JSON Schema Draft 4
 * (the registry's export format). Values come from `enum` (first), `example(s)`, `default` and
 * `const`, then from the format, the bounds and the field's name; `$ref`s are followed and cycles
 * cut. Deterministic for a given `now`, so tests and the UI agree.
 */

export class SchemaSampleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaSampleError";
  }
}

export interface SampleOptions {
  /** Also fill optional properties (default true; required ones always are). */
  readonly includeOptional?: boolean;
  /** The event's time (default: now). */
  readonly now?: Date;
  readonly account?: string;
  readonly region?: string;
}

export interface SchemaSample {
  /** The event as pretty JSON text. */
  readonly event: string;
  readonly source: string | undefined;
  readonly detailType: string | undefined;
  /** What could not be followed (an external `$ref`, a cycle), for the UI to show. */
  readonly warnings: readonly string[];
}

type Schema = Record<string, unknown>;

const MAX_DEPTH = 16;
const MAX_ITEMS = 3;

/** Generates a sample event; throws `SchemaSampleError` when the content is not a usable schema. */
export function sampleFromSchema(content: string, options: SampleOptions = {}): SchemaSample {
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch (error) {
    throw new SchemaSampleError(`The schema is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(document)) throw new SchemaSampleError("The schema must be a JSON object (OpenAPI 3 or JSON Schema Draft 4).");
  const root = rootSchema(document);
  const generator = new Generator(document, options);
  const source = stringField(root, "x-amazon-events-source");
  const detailType = stringField(root, "x-amazon-events-detail-type");
  const value = generator.value(root, [], "");
  if (isObject(value) && isEventEnvelope(root)) fillEnvelope(value, source, detailType, options);
  return { event: JSON.stringify(value, null, 2), source, detailType, warnings: generator.warnings };
}

function rootSchema(document: Schema): Schema {
  if (typeof document.openapi === "string" || typeof document.swagger === "string") {
    if (typeof document.openapi === "string" && !document.openapi.startsWith("3.")) {
      throw new SchemaSampleError(`OpenAPI ${document.openapi} is not supported; the schema registry uses OpenAPI 3.`);
    }
    const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : undefined;
    if (schemas === undefined) throw new SchemaSampleError("The OpenAPI document has no components.schemas.");
    const aws = schemas.AWSEvent;
    if (isObject(aws)) return aws;
    const marked = Object.values(schemas).find((s) => isObject(s) && typeof s["x-amazon-events-source"] === "string");
    if (isObject(marked)) return marked;
    const first = Object.values(schemas).find(isObject);
    if (first === undefined) throw new SchemaSampleError("The OpenAPI document's components.schemas is empty.");
    return first;
  }
  if (document.type === undefined && document.properties === undefined && document.$ref === undefined && document.allOf === undefined) {
    throw new SchemaSampleError("This is neither an OpenAPI 3 document (no \"openapi\" field) nor a JSON Schema (no \"type\" or \"properties\").");
  }
  return document;
}

function isEventEnvelope(root: Schema): boolean {
  const properties = isObject(root.properties) ? root.properties : {};
  return typeof root["x-amazon-events-source"] === "string" || ("detail-type" in properties && "source" in properties);
}

function fillEnvelope(event: Record<string, unknown>, source: string | undefined, detailType: string | undefined, options: SampleOptions): void {
  event.version = "0";
  event.id = "6a7e8feb-b491-4cf7-a9f1-bf3703467718";
  if (detailType !== undefined) event["detail-type"] = detailType;
  if (source !== undefined) event.source = source;
  event.account = options.account ?? "123456789012";
  event.time = isoSeconds(options.now ?? new Date());
  event.region = options.region ?? "us-east-1";
  event.resources = [];
  if (event.detail === undefined) event.detail = {};
}

class Generator {
  readonly warnings: string[] = [];
  private readonly refStack: string[] = [];

  constructor(
    private readonly document: Schema,
    private readonly options: SampleOptions,
  ) {}

  value(schema: Schema, path: readonly string[], name: string): unknown {
    if (path.length > MAX_DEPTH) {
      this.warn(`${show(path)}: nested deeper than ${MAX_DEPTH} levels; cut short`);
      return null;
    }
    if (typeof schema.$ref === "string") {
      const ref = schema.$ref;
      if (this.refStack.includes(ref)) {
        this.warn(`${show(path)}: ${ref} refers to itself; cut short`);
        return undefined;
      }
      const target = this.resolve(ref, path);
      if (target === undefined) return {};
      this.refStack.push(ref);
      try {
        return this.value(target, path, name);
      } finally {
        this.refStack.pop();
      }
    }
    if ("const" in schema) return schema.const;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
    if ("example" in schema) return schema.example;
    if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
    if ("default" in schema) return schema.default;
    if (Array.isArray(schema.allOf)) return this.allOf(schema.allOf, path, name);
    for (const key of ["oneOf", "anyOf"] as const) {
      const options = schema[key];
      if (Array.isArray(options)) {
        const first = options.find((o) => isObject(o) && o.type !== "null");
        if (isObject(first)) return this.value(first, path, name);
      }
    }
    switch (typeOf(schema)) {
      case "object":
        return this.object(schema, path);
      case "array":
        return this.array(schema, path, name);
      case "string":
        return stringValue(schema, name, this.options);
      case "integer":
        return numberValue(schema, name, true);
      case "number":
        return numberValue(schema, name, false);
      case "boolean":
        return true;
      case "null":
        return null;
      default:
        return stringValue(schema, name, this.options);
    }
  }

  private object(schema: Schema, path: readonly string[]): Record<string, unknown> {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : []);
    const includeOptional = this.options.includeOptional ?? true;
    const out: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(properties)) {
      if (!required.has(key) && !includeOptional) continue;
      if (!isObject(property)) continue;
      const value = this.value(property, [...path, key], key);
      if (value === undefined) {
        if (required.has(key)) out[key] = typeOf(property) === "array" ? [] : {};
        continue;
      }
      out[key] = value;
    }
    return out;
  }

  private array(schema: Schema, path: readonly string[], name: string): unknown[] {
    const items = isObject(schema.items) ? schema.items : Array.isArray(schema.items) && isObject(schema.items[0]) ? schema.items[0] : undefined;
    if (items === undefined) return [];
    const min = typeof schema.minItems === "number" ? schema.minItems : 1;
    const max = typeof schema.maxItems === "number" ? schema.maxItems : MAX_ITEMS;
    const count = Math.max(0, Math.min(Math.max(min, 1), max, MAX_ITEMS));
    const out: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const value = this.value(items, [...path, String(i)], singular(name));
      if (value !== undefined) out.push(value);
    }
    return out;
  }

  private allOf(parts: unknown[], path: readonly string[], name: string): unknown {
    let merged: Record<string, unknown> | undefined;
    let last: unknown;
    for (const part of parts) {
      if (!isObject(part)) continue;
      last = this.value(part, path, name);
      if (isObject(last)) merged = { ...(merged ?? {}), ...last };
    }
    return merged ?? last;
  }

  private resolve(ref: string, path: readonly string[]): Schema | undefined {
    if (!ref.startsWith("#")) {
      this.warn(`${show(path)}: the external reference ${ref} cannot be followed`);
      return undefined;
    }
    let node: unknown = this.document;
    for (const raw of ref.slice(1).split("/").filter((p) => p !== "")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      node = isObject(node) ? node[key] : undefined;
    }
    if (!isObject(node)) {
      this.warn(`${show(path)}: ${ref} points to nothing in the schema`);
      return undefined;
    }
    return node;
  }

  private warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
}

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === "string" && t !== "null") ?? "null";
  if (isObject(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

function stringValue(schema: Schema, name: string, options: SampleOptions): string {
  const format = typeof schema.format === "string" ? schema.format : undefined;
  let value = formatted(format, options) ?? fromName(name, options);
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  if (value.length < min) value = value.padEnd(min, "x");
  if (value.length > max) value = value.slice(0, max);
  return value;
}

function formatted(format: string | undefined, options: SampleOptions): string | undefined {
  switch (format) {
    case "date-time":
      return isoSeconds(options.now ?? new Date());
    case "date":
      return isoSeconds(options.now ?? new Date()).slice(0, 10);
    case "time":
      return isoSeconds(options.now ?? new Date()).slice(11, 19);
    case "uuid":
      return "3f2b8c1e-9d4a-4e6f-8b7c-2a1d0e9f8c7b";
    case "email":
      return "jane.doe@example.com";
    case "ipv4":
      return "198.51.100.7";
    case "ipv6":
      return "2001:db8::7";
    case "uri":
    case "url":
      return "https://example.com/resource";
    case "hostname":
      return "host.example.com";
    default:
      return undefined;
  }
}

/** A plausible string for a field by its name: ids, ARNs, regions, states, names. */
function fromName(name: string, options: SampleOptions): string {
  const n = name.toLowerCase();
  const region = options.region ?? "us-east-1";
  const account = options.account ?? "123456789012";
  if (n === "region" || n.endsWith("region")) return region;
  if (n === "account" || n.endsWith("accountid") || n.endsWith("account-id")) return account;
  if (n.endsWith("arn")) return `arn:aws:service:${region}:${account}:resource/example`;
  if (n.includes("instance-id") || n === "instanceid") return "i-1234567890abcdef0";
  if (n.includes("email")) return "jane.doe@example.com";
  if (n.includes("time") || n.endsWith("date") || /(At|_at)$/.test(name)) return isoSeconds(options.now ?? new Date());
  if (n.endsWith("id") || n.endsWith("-id")) return "3f2b8c1e-9d4a-4e6f-8b7c-2a1d0e9f8c7b";
  if (n.includes("ip")) return "198.51.100.7";
  if (n === "state" || n === "status") return "running";
  if (n.includes("url") || n.includes("uri")) return "https://example.com/resource";
  if (n === "version") return "1";
  if (n === "") return "example";
  return `example-${n.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

function numberValue(schema: Schema, name: string, integer: boolean): number {
  const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const max = typeof schema.maximum === "number" ? schema.maximum : undefined;
  const exclusiveMin = schema.exclusiveMinimum === true || typeof schema.exclusiveMinimum === "number";
  const exclusiveMax = schema.exclusiveMaximum === true || typeof schema.exclusiveMaximum === "number";
  const lower = typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : min;
  const upper = typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum : max;
  const step = integer ? 1 : 0.5;
  let value = /count|size|quantity|total|price|cost|amount/.test(name.toLowerCase()) ? 100 : 1;
  if (lower !== undefined && (value < lower || (exclusiveMin && value === lower))) value = exclusiveMin ? lower + step : lower;
  if (upper !== undefined && (value > upper || (exclusiveMax && value === upper))) value = exclusiveMax ? upper - step : upper;
  if (integer) value = Math.ceil(value);
  return value;
}

function singular(name: string): string {
  return name.endsWith("s") ? name.slice(0, -1) : name;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function show(path: readonly string[]): string {
  return path.length === 0 ? "(root)" : path.join(".");
}

function stringField(schema: Schema, key: string): string | undefined {
  const value = schema[key];
  return typeof value === "string" ? value : undefined;
}

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
