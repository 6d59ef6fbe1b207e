/** The one check of an AWS name's length and characters, shared by every validator that names a resource. */
import type { Report } from "./problems";

export interface NameLimit {
  readonly max: number;
  readonly pattern: RegExp;
}

export function checkName(nodeId: string, field: string, value: string, what: string, limit: NameLimit, report: Report): void {
  if (value.length === 0 || value.length > limit.max) {
    report({ code: "invalid-name", nodeId, field, message: `The ${what} must be 1 to ${limit.max} characters long (it is ${value.length})` });
  } else if (!limit.pattern.test(value)) {
    const allowed = limit.pattern.source.includes("/") ? "letters, digits, and . - _ /" : "letters, digits, and . - _";
    report({ code: "invalid-name", nodeId, field, message: `The ${what} "${value}" may only contain ${allowed}` });
  }
}
