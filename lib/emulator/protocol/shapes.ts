/**
 * A request checked against the service's model the way AWS checks it before an operation runs:
 * a member of the wrong JSON type is a SerializationException; every violated constraint
 * (required member, length, range, pattern, enum) is collected, in the model's member order, into
 * one ValidationException: "2 validation errors detected: Value 'x y' at 'name' failed to satisfy
 * constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+; …".
 * Patterns are shown as the model writes them; members by their lower-camel wire path
 * (`targets.1.member.id`); a sensitive value is never echoed ("Value at 'password' …").
 */
import { AwsError, invalid } from "./errors";

interface Bounded {
  readonly min?: number;
  readonly max?: number;
}

export type Shape =
  | (Bounded & {
      readonly type: "string";
      readonly pattern?: string;
      readonly enum?: readonly string[];
      /** The enum as AWS lists it in messages, when that differs from the model's order. */
      readonly enumInMessages?: readonly string[];
      readonly sensitive?: boolean;
    })
  | (Bounded & { readonly type: "integer" | "long" })
  | { readonly type: "boolean" | "timestamp" }
  | { readonly type: "structure"; readonly members: Readonly<Record<string, string>>; readonly required?: readonly string[] }
  | (Bounded & { readonly type: "list"; readonly member: string; readonly sensitive?: boolean })
  | (Bounded & { readonly type: "map"; readonly key: string; readonly value: string });

export interface ServiceModel {
  /** Operation name → its input shape's name. */
  readonly operations: Readonly<Record<string, string | null>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

/** A JSON object as the wire carries it: an operation's input or output. */
export type JsonObject = Record<string, unknown>;

/** AWS names a member in messages with a lower-case first letter (`ResourceARN` → `resourceARN`). */
export const wireName = (member: string) => member[0].toLowerCase() + member.slice(1);

const serialization = (message: string) => new AwsError("SerializationException", message);

const patterns = new Map<string, RegExp>();

/** The model's (Java) pattern as a whole-value JavaScript test; `\p{…}` classes need the `u` flag. */
export function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${pattern})$`, pattern.includes("\\p{") ? "u" : "");
    patterns.set(pattern, regex);
  }
  return regex;
}

/** Checks `body` against the operation's input shape; throws AWS's exception on the first type error or on any violation. */
export function checkInput(model: ServiceModel, operation: string, body: JsonObject): void {
  const input = model.operations[operation];
  if (input === undefined || input === null) return;
  const violations: string[] = [];
  new Checker(model, violations).structure(input, body, "");
  if (violations.length > 0) {
    const count = violations.length === 1 ? "1 validation error" : `${violations.length} validation errors`;
    throw invalid(`${count} detected: ${violations.join("; ")}`);
  }
}

class Checker {
  constructor(
    private readonly model: ServiceModel,
    private readonly violations: string[],
  ) {}

  private shape(name: string): Shape {
    const shape = this.model.shapes[name];
    if (shape === undefined) throw new Error(`The model has no shape ${name}.`);
    return shape;
  }

  private report(shapeName: string, value: unknown, at: string, constraint: string): void {
    const shown = value === null || value === undefined ? "null" : this.isSensitive(shapeName) ? undefined : `'${render(this.model, shapeName, value)}'`;
    this.violations.push(`Value ${shown === undefined ? "" : `${shown} `}at '${at}' failed to satisfy constraint: ${constraint}`);
  }

  private isSensitive(name: string): boolean {
    const shape = this.shape(name);
    return "sensitive" in shape && shape.sensitive === true;
  }

  structure(name: string, value: JsonObject, at: string): void {
    const shape = this.shape(name);
    if (shape.type !== "structure") throw new Error(`Shape ${name} is not a structure.`);
    const required = new Set(shape.required ?? []);
    for (const [member, memberShape] of Object.entries(shape.members)) {
      const path = at === "" ? wireName(member) : `${at}.${wireName(member)}`;
      const item = value[member];
      if (item === undefined || item === null) {
        if (required.has(member)) this.report(memberShape, null, path, "Member must not be null");
        continue;
      }
      this.value(memberShape, item, path);
    }
  }

  private value(name: string, value: unknown, at: string): void {
    const shape = this.shape(name);
    switch (shape.type) {
      case "string":
        if (typeof value !== "string") throw serialization(`Expected a string at '${at}', got ${describeType(value)}.`);
        for (const constraint of stringViolations(shape, value)) this.report(name, value, at, constraint);
        return;
      case "integer":
      case "long":
        if (typeof value !== "number" || !Number.isInteger(value)) throw serialization(`Expected an integer at '${at}', got ${describeType(value)}.`);
        for (const constraint of rangeViolations(shape, value)) this.report(name, value, at, constraint);
        return;
      case "boolean":
        if (typeof value !== "boolean") throw serialization(`Expected a boolean at '${at}', got ${describeType(value)}.`);
        return;
      case "timestamp":
        if (typeof value !== "number" || !Number.isFinite(value)) throw serialization(`Expected a timestamp (epoch seconds) at '${at}', got ${describeType(value)}.`);
        return;
      case "structure":
        if (!isObject(value)) throw serialization(`Expected an object at '${at}', got ${describeType(value)}.`);
        this.structure(name, value, at);
        return;
      case "list":
        if (!Array.isArray(value)) throw serialization(`Expected a list at '${at}', got ${describeType(value)}.`);
        for (const constraint of sizeViolations(shape, value.length)) this.report(name, value, at, constraint);
        this.members(shape.member, value, at, name);
        return;
      case "map":
        if (!isObject(value)) throw serialization(`Expected a map at '${at}', got ${describeType(value)}.`);
        for (const constraint of sizeViolations(shape, Object.keys(value).length)) this.report(name, value, at, constraint);
        this.entries(shape.key, shape.value, value, at, name);
        return;
    }
  }

  /**
   * Structures in a list are checked one by one (`entries.2.member.source`); a list of plain
   * values is reported once, with every constraint of its members, as AWS does.
   */
  private members(memberName: string, items: unknown[], at: string, listName: string): void {
    const member = this.shape(memberName);
    if (member.type === "structure" || member.type === "list" || member.type === "map") {
      items.forEach((item, i) => {
        if (item === null || item === undefined) return;
        this.value(memberName, item, `${at}.${i + 1}.member`);
      });
      return;
    }
    let broken = false;
    items.forEach((item, i) => {
      if (item === null || item === undefined) return;
      if (this.scalarViolations(memberName, item, `${at}.${i + 1}.member`).length > 0) broken = true;
    });
    if (broken) this.report(listName, items, at, `Member must satisfy constraint: [${describeConstraints(member).join(", ")}]`);
  }

  private entries(keyName: string, valueName: string, map: JsonObject, at: string, mapName: string): void {
    let keysBroken = false;
    let valuesBroken = false;
    for (const [key, item] of Object.entries(map)) {
      if (this.scalarViolations(keyName, key, at).length > 0) keysBroken = true;
      const valueShape = this.shape(valueName);
      if (valueShape.type === "structure" || valueShape.type === "list" || valueShape.type === "map") {
        if (item !== null && item !== undefined) this.value(valueName, item, `${at}.${key}`);
      } else if (item !== null && item !== undefined && this.scalarViolations(valueName, item, `${at}.${key}`).length > 0) {
        valuesBroken = true;
      }
    }
    if (keysBroken) this.report(mapName, map, at, `Map keys must satisfy constraint: [${describeConstraints(this.shape(keyName)).join(", ")}]`);
    if (valuesBroken) this.report(mapName, map, at, `Map value must satisfy constraint: [${describeConstraints(this.shape(valueName)).join(", ")}]`);
  }

  /** A scalar's type is checked (SerializationException); its constraint violations are returned, not reported. */
  private scalarViolations(name: string, value: unknown, at: string): string[] {
    const shape = this.shape(name);
    if (shape.type === "string") {
      if (typeof value !== "string") throw serialization(`Expected a string at '${at}', got ${describeType(value)}.`);
      return stringViolations(shape, value);
    }
    if (shape.type === "integer" || shape.type === "long") {
      if (typeof value !== "number" || !Number.isInteger(value)) throw serialization(`Expected an integer at '${at}', got ${describeType(value)}.`);
      return rangeViolations(shape, value);
    }
    this.value(name, value, at);
    return [];
  }
}

type StringShape = Extract<Shape, { type: "string" }>;

function enumText(shape: StringShape): string {
  return `Member must satisfy enum value set: [${(shape.enumInMessages ?? shape.enum ?? []).join(", ")}]`;
}

function stringViolations(shape: StringShape, value: string): string[] {
  const out: string[] = [];
  if (shape.enum !== undefined && !shape.enum.includes(value)) out.push(enumText(shape));
  if (shape.pattern !== undefined && !compiled(shape.pattern).test(value)) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.min !== undefined && value.length < shape.min) out.push(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value.length > shape.max) out.push(`Member must have length less than or equal to ${shape.max}`);
  return out;
}

function rangeViolations(shape: Bounded, value: number): string[] {
  const out: string[] = [];
  if (shape.min !== undefined && value < shape.min) out.push(`Member must have value greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) out.push(`Member must have value less than or equal to ${shape.max}`);
  return out;
}

function sizeViolations(shape: Bounded, size: number): string[] {
  const out: string[] = [];
  if (shape.min !== undefined && size < shape.min) out.push(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && size > shape.max) out.push(`Member must have length less than or equal to ${shape.max}`);
  return out;
}

/** Every constraint of a member shape, as AWS lists them inside "Member must satisfy constraint: […]". */
function describeConstraints(shape: Shape): string[] {
  const out: string[] = [];
  if (shape.type === "string" || shape.type === "integer" || shape.type === "long") {
    const noun = shape.type === "string" ? "length" : "value";
    if (shape.max !== undefined) out.push(`Member must have ${noun} less than or equal to ${shape.max}`);
    if (shape.min !== undefined) out.push(`Member must have ${noun} greater than or equal to ${shape.min}`);
  }
  if (shape.type === "string" && shape.pattern !== undefined) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.type === "string" && shape.enum !== undefined) out.push(enumText(shape));
  return out;
}

/** A value as AWS's (Java) service shows it in a message: lists `[a, b]`, maps `{k=v}`, structures `Name(member=value, …)`. */
function render(model: ServiceModel, name: string, value: unknown): string {
  const shape = model.shapes[name];
  if (value === null || value === undefined) return "null";
  if (shape !== undefined && "sensitive" in shape && shape.sensitive === true) return "*** Sensitive Data Redacted ***";
  if (shape?.type === "list" && Array.isArray(value)) return `[${value.map((item) => render(model, shape.member, item)).join(", ")}]`;
  if (shape?.type === "map" && isObject(value)) {
    return `{${Object.entries(value).map(([key, item]) => `${render(model, shape.key, key)}=${render(model, shape.value, item)}`).join(", ")}}`;
  }
  if (shape?.type === "structure" && isObject(value)) {
    const members = Object.entries(shape.members).map(([member, memberShape]) => `${wireName(member)}=${render(model, memberShape, value[member])}`);
    return `${name}(${members.join(", ")})`;
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return Number.isInteger(value) ? "the number " + String(value) : "a number";
  return `a ${typeof value}`;
}
