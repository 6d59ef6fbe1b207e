/**
 * The local services' errors: EventBridge's travel as a `__type` and a message, HTTP 400 for the
 * caller's mistakes and 500 for ours; restJson1 services (rest-json.ts) answer with the status
 * their model gives each error. Operations throw `AwsError`; the protocol layer renders it.
 */

export type AwsErrorType =
  | "ResourceNotFoundException"
  | "ValidationException"
  | "InvalidEventPatternException"
  | "LimitExceededException"
  | "ResourceAlreadyExistsException"
  | "ConcurrentModificationException"
  | "IllegalStatusException"
  | "InvalidStateException"
  | "OperationDisabledException"
  | "PolicyLengthExceededException"
  | "UnknownOperationException"
  | "SerializationException"
  | "AccessDeniedException"
  | "MissingAuthenticationTokenException"
  | "IncompleteSignatureException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException"
  | "InternalException"
  // restJson1 services (Scheduler, Pipes)
  | "ConflictException"
  | "ServiceQuotaExceededException"
  | "ThrottlingException"
  | "InternalServerException"
  | "NotFoundException";

export class AwsError extends Error {
  constructor(
    readonly type: AwsErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }

  get status(): number {
    if (this.type === "InternalException" || this.type === "InternalServerException") return 500;
    if (this.type === "AccessDeniedException" || this.type === "MissingAuthenticationTokenException") return 403;
    return 400;
  }
}

export const notFound = (message: string) => new AwsError("ResourceNotFoundException", message);
export const invalid = (message: string) => new AwsError("ValidationException", message);
export const alreadyExists = (message: string) => new AwsError("ResourceAlreadyExistsException", message);
export const conflict = (message: string) => new AwsError("ConflictException", message);

/** AWS's wording for an input that breaks a rule beyond the model: "Parameter X is not valid. Reason: …". */
export const invalidParameter = (member: string, reason: string) => invalid(`Parameter ${member} is not valid. Reason: ${reason}`);

/**
 * What may be logged about an unexpected error: its kind and code only. Messages (Prisma's
 * included) can quote request data or event bodies, which may hold secrets.
 */
export function describeForLog(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const kind = error instanceof Error ? error.name : typeof error;
  return typeof code === "string" ? `${kind} ${code}` : kind;
}
