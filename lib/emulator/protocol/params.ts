/**
 * Reads an operation's JSON input after it passed the model check (shapes.ts), so every member
 * already has its modelled type and constraints; these accessors only narrow the types. A value
 * that is not what the model promises is a bug in the caller (a direct call that skipped the
 * check) and is refused as a SerializationException naming the member.
 */
import { AwsError } from "./errors";
import { wireName, type JsonObject } from "./shapes";


export class Params {
  constructor(
    private readonly body: JsonObject,
    private readonly at = "",
  ) {}

  static of(body: unknown): Params {
    if (!isObject(body)) throw new AwsError("SerializationException", "The request body must be a JSON object.");
    return new Params(body);
  }

  private path(member: string): string {
    return this.at === "" ? wireName(member) : `${this.at}.${wireName(member)}`;
  }

  private mistyped(member: string, expected: string): AwsError {
    return new AwsError("SerializationException", `Expected ${expected} at '${this.path(member)}'.`);
  }

  has(member: string): boolean {
    return this.body[member] !== undefined && this.body[member] !== null;
  }

  /** A required string member (the model check has refused a missing one). */
  string(member: string): string {
    const value = this.optionalString(member);
    if (value === undefined) throw this.mistyped(member, "a string");
    return value;
  }

  optionalString(member: string): string | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw this.mistyped(member, "a string");
    return value;
  }

  optionalNumber(member: string): number | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) throw this.mistyped(member, "a number");
    return value;
  }

  optionalBoolean(member: string): boolean | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") throw this.mistyped(member, "a boolean");
    return value;
  }

  /** A timestamp member: the SDK and the CLI send epoch seconds. */
  optionalDate(member: string): Date | undefined {
    const value = this.optionalNumber(member);
    return value === undefined ? undefined : new Date(value * 1000);
  }

  /** A required timestamp member. */
  date(member: string): Date {
    const value = this.optionalDate(member);
    if (value === undefined) throw this.mistyped(member, "a timestamp");
    return value;
  }

  list(member: string): Params[] {
    return this.rawList(member).map((item, i) => {
      if (!isObject(item)) throw this.mistyped(`${member}[${i}]`, "an object");
      return new Params(item, `${this.path(member)}.${i + 1}.member`);
    });
  }

  stringList(member: string): string[] {
    return this.rawList(member).map((item, i) => {
      if (typeof item !== "string") throw this.mistyped(`${member}[${i}]`, "a string");
      return item;
    });
  }

  private rawList(member: string): unknown[] {
    const value = this.body[member];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw this.mistyped(member, "a list");
    return value;
  }

  /** A required structure member. */
  object(member: string): Params {
    const value = this.optionalObject(member);
    if (value === undefined) throw this.mistyped(member, "an object");
    return value;
  }

  optionalObject(member: string): Params | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) throw this.mistyped(member, "an object");
    return new Params(value, this.path(member));
  }

  /** A map of strings to strings (e.g. InputPathsMap). */
  optionalStringMap(member: string): Record<string, string> | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) throw this.mistyped(member, "a map");
    for (const item of Object.values(value)) if (typeof item !== "string") throw this.mistyped(member, "a map of strings");
    return value as Record<string, string>;
  }

  /** The whole structure as sent (after its members were checked), to store verbatim. */
  verbatim(): Readonly<JsonObject> {
    return this.body;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
