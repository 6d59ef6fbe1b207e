/**
 * Domain errors and their one mapping to HTTP responses.
 *
 * Domain code throws these; routes (wrapped by lib/boundary's `route`) never build error bodies
 * themselves, so every client sees the same shape: `{ error: { code, message, issues?, … } }`,
 * in a JSON response or as the last line of a streamed (NDJSON) one.
 */
import { ZodError } from "zod";

/** A problem with one field of the input, named by its path (`name`, `graph.nodes.0.id`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** What a client reads of an error: a code to act on and a message to show. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly [detail: string]: unknown;
}

/** A failure the caller can act on: its code, status and message reach the client as they are. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The error's body; subclasses add their own details. */
  toBody(): ErrorBody {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

export class ValidationError extends DomainError {
  /** A more specific `code` (and status) when a client acts on it, as on `consent_required`. */
  constructor(message: string, issues: FieldIssue[] = [], kind: { code: string; status: number } = { code: "validation", status: 422 }) {
    super(kind.code, message, kind.status, issues);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super("not_found", message, 404);
  }
}

/** The caller's copy is stale: someone else saved first (optimistic concurrency). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super("conflict", message, 409);
  }
}

/** Turns zod's issues into one readable sentence plus per-field details. */
export function fromZodError(error: ZodError, what: string): ValidationError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  return new ValidationError(`Invalid ${what}: ${summary}`, issues);
}

/** The one mapping: any thrown value → the status and body a client gets. */
export function errorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ZodError) return errorBody(fromZodError(error, "request"));
  if (error instanceof DomainError) return { status: error.status, body: error.toBody() };
  // Unknown failures are logged on the server; the client learns only that it was ours.
  console.error(error);
  return { status: 500, body: { code: "internal", message: "Internal server error" } };
}

export function errorResponse(error: unknown): Response {
  const { status, body } = errorBody(error);
  return Response.json({ error: body }, { status });
}
