/**
 * AWS failures as the user should read them: what went wrong, in terms of what to do next.
 *
 * The SDK throws service exceptions (`name` = AWS's error code, `$metadata` with the attempts),
 * credential-provider errors, and plain Node network errors (`code` = ECONNREFUSED…). Every AWS
 * call goes through `sendAws`, which rethrows a failure as an `AwsCallError`: a DomainError whose
 * status and body (lib/errors) say what went wrong in terms of what to do next, naming the IAM
 * action even when AWS's own message does not. Messages never carry secrets: access key ids,
 * signatures and session tokens are masked before anything is shown or logged.
 */
import type { GetOutputType } from "@smithy/types";
import { DomainError, type ErrorBody } from "@/lib/errors";

export type AwsErrorCode =
  | "aws_access_denied"
  | "aws_throttled"
  | "aws_not_found"
  | "aws_credentials"
  | "aws_network"
  | "aws_validation"
  | "aws_conflict"
  | "aws_error";

export interface AwsErrorDescription {
  code: AwsErrorCode;
  /** One or two sentences for the user; never holds credentials. */
  message: string;
  /** AWS's own error code (`AccessDeniedException`), when there is one. */
  awsCode?: string;
  /** The IAM action concerned (`events:PutRule`), when known. */
  action?: string;
  /** The HTTP status a route answers with. */
  status: number;
}

/** Which call failed: the SDK's errors do not say, so `sendAws` records it. */
export interface AwsCallContext {
  /** IAM service prefix: `events`, `sqs`, `sts`, `schemas`. */
  service?: string;
  /** The API operation: `PutRule`. */
  operation?: string;
  /** The endpoint override in use, if any (named by network errors). */
  endpoint?: string;
}

/** An SDK failure together with the call that failed, described for the user. */
export class AwsCallError extends DomainError {
  readonly awsCode: string | undefined;
  readonly action: string | undefined;

  constructor(
    readonly original: unknown,
    readonly context: AwsCallContext,
  ) {
    const description = describeAwsError(original, context);
    super(description.code, description.message, description.status);
    this.awsCode = description.awsCode;
    this.action = description.action;
  }

  override toBody(): ErrorBody {
    return { code: this.code, message: this.message, awsCode: this.awsCode, action: this.action };
  }
}

/** What `sendAws` needs of an SDK v3 client: `send` and its service id. */
export interface AwsClientLike<C> {
  send(command: C, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  config: { serviceId?: string };
}
type OutputOf<C> = GetOutputType<C>;

/** The SDK's `serviceId` → the IAM action prefix. */
const IAM_PREFIX: Record<string, string> = {
  EventBridge: "events",
  SQS: "sqs",
  STS: "sts",
  schemas: "schemas",
  Schemas: "schemas",
  "CloudWatch Logs": "logs",
  Lambda: "lambda",
  SNS: "sns",
  IAM: "iam",
};

/**
 * `new PutRuleCommand(…)` → `PutRule`, from the command's operation schema (`[kind, namespace,
 * name, …]`), which survives minification; class names do not.
 */
export function operationOfCommand(command: object): string | undefined {
  const schema = (command as { schema?: unknown }).schema;
  const fromSchema = Array.isArray(schema) ? schema[2] : (schema as { name?: unknown } | undefined)?.name;
  if (typeof fromSchema === "string") return fromSchema;
  const name = command.constructor?.name;
  if (!name || name === "Object") return undefined;
  return name.endsWith("Command") ? name.slice(0, -"Command".length) : name;
}

export function iamPrefixOf(serviceId: string | undefined): string | undefined {
  if (!serviceId) return undefined;
  return IAM_PREFIX[serviceId] ?? serviceId.toLowerCase().replace(/\s+/g, "");
}

/**
 * `client.send(command)`, the one way Switchyard calls AWS: any failure is rethrown as an
 * `AwsCallError` that knows the service, operation and endpoint, so `describeAwsError` can name
 * the IAM action the caller lacks. The app's own errors (the outbound policy refusing an
 * endpoint) pass through as they are.
 */
export async function sendAws<C extends { readonly input: object }>(
  client: AwsClientLike<NoInfer<C>>,
  command: C,
  options: { endpoint?: string; abortSignal?: AbortSignal } = {},
): Promise<OutputOf<C>> {
  try {
    const output = await client.send(command, options.abortSignal ? { abortSignal: options.abortSignal } : undefined);
    return output as OutputOf<C>;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new AwsCallError(error, {
      service: iamPrefixOf(client.config.serviceId),
      operation: operationOfCommand(command),
      endpoint: options.endpoint,
    });
  }
}

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedAccess",
  "AuthorizationError",
  "AuthorizationErrorException",
  "NotAuthorized",
]);
const THROTTLED = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "TooManyRequestsException",
  "TooManyRequests",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ProvisionedThroughputExceededException",
  "LimitExceededException",
]);
const NOT_FOUND = new Set([
  "ResourceNotFoundException",
  "ResourceNotFound",
  "NotFoundException",
  "NoSuchEntity",
  "QueueDoesNotExist",
  "AWS.SimpleQueueService.NonExistentQueue",
]);
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired", "RequestExpired"]);
const BAD_CREDENTIALS = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "InvalidAccessKeyId",
  "AuthFailure",
]);
const PROVIDER_ERRORS = new Set(["CredentialsProviderError", "TokenProviderError"]);
const VALIDATION = new Set([
  "ValidationException",
  "ValidationError",
  "InvalidParameterValue",
  "InvalidParameterValueException",
  "InvalidParameterException",
  "InvalidEventPatternException",
  "InvalidAttributeName",
  "InvalidAttributeValue",
  "MissingParameter",
  "InvalidInput",
]);
const CONFLICT = new Set([
  "ResourceAlreadyExistsException",
  "ConcurrentModificationException",
  "IllegalStatusException",
  "QueueAlreadyExists",
  "QueueNameExists",
  "QueueDeletedRecently",
  "AWS.SimpleQueueService.QueueDeletedRecently",
]);
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "refused the connection",
  ENOTFOUND: "could not be resolved (DNS)",
  EAI_AGAIN: "could not be resolved (DNS, temporary failure)",
  ETIMEDOUT: "did not answer in time",
  ECONNRESET: "closed the connection",
  EHOSTUNREACH: "is unreachable",
  ENETUNREACH: "is unreachable (no route)",
  EPIPE: "closed the connection",
  CERT_HAS_EXPIRED: "presented an expired TLS certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "presented a TLS certificate that could not be verified",
};

/**
 * Masks what must never be shown: access key ids, secret keys, signatures, session tokens and
 * credential scopes (which start with the access key id).
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, "[access key]")
    .replace(/(X-Amz-Signature|Signature)=([0-9a-fA-F]{16,})/g, "$1=[redacted]")
    .replace(/(X-Amz-Security-Token|X-Amz-Credential|SecurityToken|SessionToken|Credential)=([^\s,&"']+)/gi, "$1=[redacted]")
    .replace(
      /((?:aws_)?(?:secret_access_key|secretAccessKey|session_token|sessionToken)["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi,
      "$1[redacted]",
    )
    .replace(/\b[A-Za-z0-9/+]{40}\b(?![A-Za-z0-9/+=])/g, (candidate) =>
      // A 40-character base64 run with mixed case and a digit is shaped like a secret access key.
      /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9]/.test(candidate) ? "[redacted]" : candidate,
    );
}

interface ErrorFacts {
  name?: string;
  code?: string;
  message: string;
  attempts?: number;
  httpStatus?: number;
  address?: string;
  port?: number;
  hostname?: string;
}

function factsOf(error: unknown): ErrorFacts {
  if (error === null || typeof error !== "object") return { message: String(error) };
  const record = error as Record<string, unknown>;
  const metadata = (record.$metadata ?? {}) as Record<string, unknown>;
  const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const num = (value: unknown) => (typeof value === "number" ? value : undefined);
  // A wrapped network failure keeps its code on `cause` (undici, AggregateError's first error).
  const cause = record.cause as Record<string, unknown> | undefined;
  const inner =
    cause && typeof cause === "object"
      ? cause
      : Array.isArray(record.errors) && record.errors[0] && typeof record.errors[0] === "object"
        ? (record.errors[0] as Record<string, unknown>)
        : undefined;
  return {
    name: str(record.name),
    code: str(record.Code) ?? str(record.code) ?? (inner ? str(inner.code) : undefined),
    message: str(record.message) ?? str(record.Message) ?? "",
    attempts: num(metadata.attempts),
    httpStatus: num(metadata.httpStatusCode),
    address: str(record.address) ?? (inner ? str(inner.address) : undefined),
    port: num(record.port) ?? (inner ? num(inner.port) : undefined),
    hostname: str(record.hostname) ?? (inner ? str(inner.hostname) : undefined),
  };
}

/** AWS's own wording names the action: "… is not authorized to perform: events:PutRule on resource …". */
function actionFromMessage(message: string): string | undefined {
  const match = /not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/i.exec(message)
    ?? /\b(?:no|explicit deny in an?) [\w -]*polic(?:y|ies)[\w ]* (?:allows|for) the ([a-z0-9-]+:[A-Za-z0-9*]+) action/i.exec(message);
  return match?.[1];
}

function resourceFromMessage(message: string): string | undefined {
  return /on resource:?\s+(\S+?)(?:\s|$|\.\s|\.$)/i.exec(message)?.[1];
}

function whereOf(context: AwsCallContext): string {
  if (context.service && context.operation) return ` (${context.service}:${context.operation})`;
  if (context.operation) return ` (${context.operation})`;
  return "";
}

/** One sentence from AWS's message: trimmed, secrets masked, encoded authorization blobs dropped. */
function quote(message: string): string {
  const cleaned = redactSecrets(message)
    .replace(/\s*Encoded authorization failure message:.*$/is, "")
    .trim();
  return cleaned.length > 400 ? `${cleaned.slice(0, 400)}…` : cleaned;
}

function unwrap(error: unknown, context: AwsCallContext): { error: unknown; context: AwsCallContext } {
  if (error instanceof AwsCallError) return { error: error.original, context: { ...error.context, ...context } };
  return { error, context };
}

/** Turns any error from an AWS call into a clear, secret-free description. */
export function describeAwsError(raw: unknown, callContext: AwsCallContext = {}): AwsErrorDescription {
  const { error, context } = unwrap(raw, callContext);
  const facts = factsOf(error);
  const awsCode = facts.name && facts.name !== "Error" ? facts.name : facts.code;
  const kind = awsCode ?? "";
  const where = whereOf(context);

  if (ACCESS_DENIED.has(kind) || facts.code === "AccessDenied") {
    const action =
      actionFromMessage(facts.message) ??
      (context.service && context.operation ? `${context.service}:${context.operation}` : undefined);
    const resource = resourceFromMessage(facts.message);
    const what = action ? `the ${action} permission` : "permission for this call";
    const on = resource ? ` on ${redactSecrets(resource)}` : "";
    return {
      code: "aws_access_denied",
      awsCode,
      action,
      status: 403,
      message: `AWS denied access: the identity in use lacks ${what}${on}. Add ${action ?? "the action"} to its IAM policy (or use a profile that has it) and try again.`,
    };
  }

  if (THROTTLED.has(kind) || facts.httpStatus === 429) {
    const tries = facts.attempts && facts.attempts > 1 ? `${facts.attempts} attempts` : "several attempts";
    return {
      code: "aws_throttled",
      awsCode,
      action: context.service && context.operation ? `${context.service}:${context.operation}` : undefined,
      status: 503,
      message: `AWS is throttling requests${where}: it was retried with exponential backoff (${tries}) and still failed. Wait a minute and try again, or ask for a higher quota.`,
    };
  }

  if (NOT_FOUND.has(kind)) {
    const detail = quote(facts.message);
    return {
      code: "aws_not_found",
      awsCode,
      status: 404,
      message: `Not found in AWS${where}: ${detail || "the resource does not exist"}`,
    };
  }

  if (PROVIDER_ERRORS.has(kind)) {
    const sso = /sso/i.test(facts.message);
    const fix = sso
      ? "Run `aws sso login` for the profile and try again."
      : "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the server's environment, or choose a profile from ~/.aws/config with credentials, and try again.";
    return {
      code: "aws_credentials",
      awsCode,
      status: 401,
      message: `No AWS credentials could be loaded on the server: ${quote(facts.message) || "no provider had any"}. ${fix}`,
    };
  }

  if (EXPIRED.has(kind)) {
    return {
      code: "aws_credentials",
      awsCode,
      status: 401,
      message:
        "The AWS credentials have expired. Refresh them (`aws sso login`, or new temporary keys in the environment or profile) and try again; if the server clock is wrong, correct it.",
    };
  }

  if (BAD_CREDENTIALS.has(kind)) {
    return {
      code: "aws_credentials",
      awsCode,
      status: 401,
      message: `AWS rejected the credentials (${kind}): the access key is unknown or its secret does not match. Check the profile or the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables on the server.`,
    };
  }

  const networkCode = facts.code && NETWORK_CODES[facts.code] ? facts.code : undefined;
  if (networkCode || kind === "TimeoutError" || kind === "RequestTimeout") {
    const endpoint =
      context.endpoint ??
      (facts.address ? `${facts.address}${facts.port ? `:${facts.port}` : ""}` : facts.hostname) ??
      "the AWS endpoint";
    const how = networkCode ? NETWORK_CODES[networkCode] : "did not answer in time";
    return {
      code: "aws_network",
      awsCode: networkCode ?? kind,
      status: 502,
      message: `Could not reach ${redactSecrets(endpoint)}${where}: it ${how}. Check the endpoint override and the network, then try again.`,
    };
  }

  if (VALIDATION.has(kind)) {
    return { code: "aws_validation", awsCode, status: 400, message: `AWS rejected the request${where}: ${quote(facts.message)}` };
  }
  if (CONFLICT.has(kind)) {
    return { code: "aws_conflict", awsCode, status: 409, message: `AWS refused the change${where}: ${quote(facts.message)}` };
  }

  const detail = quote(facts.message) || "no detail given";
  return {
    code: "aws_error",
    awsCode,
    status: 502,
    message: `AWS call failed${where}${awsCode ? ` with ${awsCode}` : ""}: ${detail}`,
  };
}

/** True when the error came from an AWS SDK call (service, credentials or transport). */
export function isAwsError(error: unknown): boolean {
  if (error instanceof AwsCallError) return true;
  if (error === null || typeof error !== "object") return false;
  const record = error as Record<string, unknown>;
  if ("$metadata" in record || "$fault" in record) return true;
  return typeof record.name === "string" && PROVIDER_ERRORS.has(record.name);
}
