/**
 * Domain errors and their one mapping to HTTP responses.
 *
 * Domain code throws these; route handlers call `errorResponse` and never build error bodies
 * themselves, so every client sees the same shape: `{ error: { code, message, issues? } }`.
 */
import { ZodError } from "zod";

export type ErrorCode = "validation" | "not_found" | "conflict" | "internal";

/** A problem with one field of the input, named by its path (`name`, `graph.nodes.0.id`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, "internal">,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super("validation", message, issues);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super("not_found", message);
  }
}

/** The caller's copy is stale: someone else saved first (optimistic concurrency). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super("conflict", message);
  }
}

const STATUS: Record<ErrorCode, number> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  internal: 500,
};

/** Turns zod's issues into one readable sentence plus per-field details. */
export function fromZodError(error: ZodError, what: string): ValidationError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  return new ValidationError(`Invalid ${what}: ${summary}`, issues);
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) return errorResponse(fromZodError(error, "request"));
  if (error instanceof DomainError) {
    const body = { error: { code: error.code, message: error.message, issues: error.issues } };
    return Response.json(body, { status: STATUS[error.code] });
  }
  // Unknown failures are logged on the server; the client learns only that it was ours.
  console.error(error);
  const body = { error: { code: "internal", message: "Internal server error" } };
  return Response.json(body, { status: STATUS.internal });
}

/** Reads a JSON request body; a body that is not JSON is the caller's mistake, not a 500. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") throw new ValidationError("Request body is empty; expected a JSON object");
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ValidationError(`Request body is not valid JSON: ${reason}`);
  }
}
