/**
 * Reads an operation's JSON input with AWS's validation wording: a missing required member, a
 * wrong type, a pattern or length violation each becomes the ValidationException AWS sends.
 */
import { constraintViolation, invalid } from "./errors";

type Json = Record<string, unknown>;

interface StringRule {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
}

/** AWS names members in validation messages with a lower-case first letter. */
const wireName = (member: string) => member[0].toLowerCase() + member.slice(1);

export const NAME_RULE: StringRule = { min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/ };
export const BUS_NAME_OR_ARN_RULE: StringRule = { min: 1, max: 1600, pattern: /^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-\w+-\d+:\d{12}:event-bus\/)?[/.\-_A-Za-z0-9]+$/ };

export class Params {
  constructor(
    private readonly body: Json,
    private readonly at = "",
  ) {}

  static of(body: unknown): Params {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw invalid("The request body must be a JSON object.");
    }
    return new Params(body as Json);
  }

  private path(member: string): string {
    return this.at === "" ? wireName(member) : `${this.at}.${wireName(member)}`;
  }

  has(member: string): boolean {
    return this.body[member] !== undefined && this.body[member] !== null;
  }

  string(member: string, rule: StringRule = {}): string {
    const value = this.optionalString(member, rule);
    if (value === undefined) throw constraintViolation(null, this.path(member), "Member must not be null");
    return value;
  }

  optionalString(member: string, rule: StringRule = {}): string | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw invalid(`Parameter ${member} must be a string.`);
    const at = this.path(member);
    if (rule.min !== undefined && value.length < rule.min) {
      throw constraintViolation(value, at, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      throw constraintViolation(value, at, `Member must have length less than or equal to ${rule.max}`);
    }
    if (rule.pattern !== undefined && !rule.pattern.test(value)) {
      throw constraintViolation(value, at, `Member must satisfy regular expression pattern: ${rule.pattern.source}`);
    }
    return value;
  }

  optionalNumber(member: string, range: { min?: number; max?: number } = {}): number | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) throw invalid(`Parameter ${member} must be a number.`);
    const at = this.path(member);
    if (range.min !== undefined && value < range.min) {
      throw constraintViolation(value, at, `Member must have value greater than or equal to ${range.min}`);
    }
    if (range.max !== undefined && value > range.max) {
      throw constraintViolation(value, at, `Member must have value less than or equal to ${range.max}`);
    }
    return value;
  }

  /** A timestamp member: the SDK sends epoch seconds. */
  optionalDate(member: string): Date | undefined {
    const value = this.optionalNumber(member);
    return value === undefined ? undefined : new Date(value * 1000);
  }

  list(member: string, size: { min?: number; max?: number } = {}): Params[] {
    return this.rawList(member, size).map((item, i) => {
      if (typeof item !== "object" || item === null || Array.isArray(item)) {
        throw invalid(`Parameter ${member}[${i}] must be an object.`);
      }
      return new Params(item as Json, `${this.path(member)}.${i + 1}.member`);
    });
  }

  stringList(member: string, size: { min?: number; max?: number } = {}): string[] {
    return this.rawList(member, size).map((item, i) => {
      if (typeof item !== "string") throw invalid(`Parameter ${member}[${i}] must be a string.`);
      return item;
    });
  }

  private rawList(member: string, size: { min?: number; max?: number }): unknown[] {
    const value = this.body[member];
    if (value === undefined || value === null) {
      if (size.min !== undefined && size.min > 0) throw constraintViolation(null, this.path(member), "Member must not be null");
      return [];
    }
    if (!Array.isArray(value)) throw invalid(`Parameter ${member} must be a list.`);
    if (size.min !== undefined && value.length < size.min) {
      throw constraintViolation("[]", this.path(member), `Member must have length greater than or equal to ${size.min}`);
    }
    if (size.max !== undefined && value.length > size.max) {
      throw constraintViolation(`[${value.length} items]`, this.path(member), `Member must have length less than or equal to ${size.max}`);
    }
    return value;
  }

  optionalObject(member: string): Params | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) throw invalid(`Parameter ${member} must be an object.`);
    return new Params(value as Json, this.path(member));
  }

  /** A map of strings to strings (e.g. InputPathsMap). */
  optionalStringMap(member: string): Record<string, string> | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) throw invalid(`Parameter ${member} must be a map.`);
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== "string") throw invalid(`Parameter ${member}.${key} must be a string.`);
    }
    return value as Record<string, string>;
  }

  /** The member as sent, for storing AWS structures verbatim. */
  raw(member: string): unknown {
    return this.body[member];
  }

  /** The whole structure as sent (after its members were checked), to store verbatim. */
  verbatim(): Readonly<Record<string, unknown>> {
    return this.body;
  }
}
