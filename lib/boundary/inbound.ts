/**
 * The policy every request to the server meets before anything reads its body: proxy.ts applies
 * it to pages and routes, the local endpoint's server (lib/emulator/loopback-server.ts) to AWS
 * clients' calls. Switchyard runs beside its user's AWS credentials, so it answers only:
 *
 * - requests whose `Host` is a name it is served under (DNS rebinding gives a foreign page a
 *   foreign name for 127.0.0.1, and is refused here);
 * - changes (any method but GET, HEAD, OPTIONS) from the app's own origin: browsers send
 *   `Origin` with every such request (Fetch standard), so one without it comes from a program,
 *   which no web page can drive; JSON routes take only `application/json`, so no form or
 *   "simple" cross-site request can reach them;
 * - reads of /api from its own pages (`Sec-Fetch-Site`), not from other sites;
 * - AWS-protocol calls signed with SigV4 (every AWS client signs; a browser cannot send
 *   `Authorization` to another origin without a CORS preflight, which the server never grants);
 * - bodies within the route's limit, declared by Content-Length for the app's routes.
 */
import { parseHostAndPort, type BoundarySettings } from "./settings";
import { parseSigV4Authorization } from "./sigv4-header";
import { appBodyLimit, AWS_REQUEST_BODY_LIMIT } from "./limits";

/** The local endpoint's AWS services, told apart by the request's shape. */
export type AwsService = "events" | "sqs" | "sts" | "schemas" | RestJsonService;

/**
 * The restJson1 services: each owns the paths its operations live under; a path several share
 * (`/tags/{arn}`) belongs to the service the SigV4 credential scope names.
 */
const REST_JSON_SERVICES = {
  scheduler: ["/schedules", "/schedule-groups"],
  pipes: ["/v1/pipes"],
} as const;
type RestJsonService = keyof typeof REST_JSON_SERVICES;
const SHARED_REST_PATHS = ["/tags"];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

function restJsonServiceOf(path: string, facts: RequestFacts): RestJsonService | undefined {
  for (const [service, prefixes] of Object.entries(REST_JSON_SERVICES) as [RestJsonService, readonly string[]][]) {
    if (prefixes.some((prefix) => under(path, prefix))) return service;
  }
  if (!SHARED_REST_PATHS.some((prefix) => under(path, prefix))) return undefined;
  const signedFor = parseSigV4Authorization(facts.header("authorization"))?.service;
  return signedFor !== undefined && Object.hasOwn(REST_JSON_SERVICES, signedFor) ? (signedFor as RestJsonService) : undefined;
}

/** What the boundary reads of a request: never its body. */
export interface RequestFacts {
  readonly method: string;
  /** The request target as sent: path (still percent-encoded) and query. */
  readonly target: string;
  header(name: string): string | undefined;
}

export interface Refusal {
  readonly status: number;
  /** The app's error code (`{ error: { code } }`). */
  readonly code: string;
  /** AWS's error type, for AWS clients (`{ __type }`). */
  readonly awsType: string;
  readonly message: string;
}

const pathOf = (target: string) => target.split("?")[0] ?? "";

/** Which AWS service a request calls, or undefined for the app's own pages and routes. */
export function awsServiceOf(facts: RequestFacts): AwsService | undefined {
  const path = pathOf(facts.target);
  if (under(path, "/v1/registries")) return "schemas";
  const restJson = restJsonServiceOf(path, facts);
  if (restJson !== undefined) return restJson;
  if (facts.method !== "POST" || path !== "/") return undefined;
  const target = facts.header("x-amz-target");
  if (target?.startsWith("AWSEvents.")) return "events";
  if (target?.startsWith("AmazonSQS.")) return "sqs";
  if (target === undefined && parseSigV4Authorization(facts.header("authorization"))?.service === "sts") return "sts";
  return undefined;
}

const refusal = (status: number, code: string, awsType: string, message: string): Refusal => ({ status, code, awsType, message });

function hostRefusal(facts: RequestFacts, settings: BoundarySettings): Refusal | undefined {
  const host = facts.header("host");
  const parsed = host === undefined ? undefined : parseHostAndPort(host);
  if (parsed !== undefined && settings.allowedHosts.has(parsed.hostname)) return undefined;
  const names = [...settings.allowedHosts].join(", ");
  return refusal(
    421,
    "host_not_allowed",
    "MisdirectedRequestException",
    `This server answers to ${names} only, not to "${host ?? ""}". To serve Switchyard under another name, add it to SWITCHYARD_ALLOWED_HOSTS.`,
  );
}

function pathRefusal(facts: RequestFacts): Refusal | undefined {
  const path = pathOf(facts.target);
  try {
    decodeURIComponent(path);
    return undefined;
  } catch {
    return refusal(400, "bad_path", "ValidationException", `The path ${path} is not valid: a % must start an escape of two hex digits that form UTF-8 text.`);
  }
}

/** `host[:port]` of the `Host` header, as an Origin's `host` is written. */
function ownHost(facts: RequestFacts): string | undefined {
  const parsed = parseHostAndPort(facts.header("host") ?? "");
  return parsed === undefined ? undefined : parsed.port === undefined ? parsed.hostname : `${parsed.hostname}:${parsed.port}`;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const TRUSTED_FETCH_SITES = new Set(["same-origin", "none"]);

function originRefusal(facts: RequestFacts): Refusal | undefined {
  const path = pathOf(facts.target);
  const site = facts.header("sec-fetch-site");
  const crossSite = site !== undefined && !TRUSTED_FETCH_SITES.has(site);
  if (SAFE_METHODS.has(facts.method)) {
    if (!crossSite || !path.startsWith("/api/")) return undefined;
    return refusal(403, "cross_origin", "AccessDeniedException", `Refused: ${path} is read only by Switchyard's own pages, not by another site (Sec-Fetch-Site: ${site}).`);
  }
  const origin = facts.header("origin");
  let originHost: string | undefined;
  try {
    originHost = origin === undefined ? undefined : new URL(origin).host;
  } catch {
    originHost = "";
  }
  const own = ownHost(facts);
  if ((origin !== undefined && originHost !== own) || crossSite) {
    return refusal(
      403,
      "cross_origin",
      "AccessDeniedException",
      `Refused: this ${facts.method} comes from ${origin ?? `another site (Sec-Fetch-Site: ${site})`}, not from Switchyard's own pages (http://${own}). Changes are accepted only from the app's own origin.`,
    );
  }
  return undefined;
}

const isJsonMediaType = (contentType: string | undefined) => contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType.trim());

function bodyRefusal(facts: RequestFacts, service: AwsService | undefined): Refusal | undefined {
  if (facts.method === "GET" || facts.method === "HEAD") return undefined;
  const path = pathOf(facts.target);
  const declared = facts.header("content-length");
  const chunked = facts.header("transfer-encoding") !== undefined;
  if (declared !== undefined && !/^\d+$/.test(declared.trim())) {
    return refusal(400, "bad_length", "SerializationException", `Content-Length "${declared}" is not a number of bytes.`);
  }
  const length = declared === undefined ? undefined : Number(declared);
  const limit = service === undefined ? appBodyLimit(path) : AWS_REQUEST_BODY_LIMIT;
  if (length !== undefined && length > limit) {
    return refusal(413, "payload_too_large", "RequestEntityTooLargeException", `The request body (${length} bytes) is larger than ${path}'s limit of ${limit} bytes.`);
  }
  if (service !== undefined) return undefined;
  if (chunked && declared === undefined) {
    return refusal(411, "length_required", "ValidationException", `Send the request body with a Content-Length (at most ${limit} bytes for ${path}).`);
  }
  const hasBody = (length ?? 0) > 0 || chunked;
  if (hasBody && path.startsWith("/api/") && !isJsonMediaType(facts.header("content-type"))) {
    return refusal(415, "unsupported_media_type", "ValidationException", `${path} takes a JSON body: send it with Content-Type: application/json (got ${facts.header("content-type") ?? "none"}).`);
  }
  return undefined;
}

function signatureRefusal(facts: RequestFacts): Refusal | undefined {
  const header = facts.header("authorization");
  if (header === undefined) return refusal(403, "unsigned", "MissingAuthenticationTokenException", "Missing Authentication Token: AWS calls must be signed with SigV4.");
  if (parseSigV4Authorization(header) === undefined) {
    return refusal(400, "unsigned", "IncompleteSignatureException", "The Authorization header is not a valid AWS4-HMAC-SHA256 signature.");
  }
  return undefined;
}

/** Why the request is refused, or undefined when it may go on to its route. */
export function checkRequest(facts: RequestFacts, settings: BoundarySettings): Refusal | undefined {
  const service = awsServiceOf(facts);
  return (
    hostRefusal(facts, settings) ??
    pathRefusal(facts) ??
    (service === undefined ? originRefusal(facts) : signatureRefusal(facts)) ??
    bodyRefusal(facts, service)
  );
}

/** The answer to a refused request: AWS's error shape for AWS clients, the app's otherwise. */
export function refusalResponse(refusal: Refusal, service: AwsService | undefined): Response {
  const headers = { "cache-control": "no-store" };
  if (service !== undefined) {
    return Response.json({ __type: refusal.awsType, message: refusal.message }, { status: refusal.status, headers: { ...headers, "x-amzn-errortype": refusal.awsType } });
  }
  return Response.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status, headers });
}
