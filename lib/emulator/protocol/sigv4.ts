/**
 * Optional SigV4 verification of requests against configured local keys (by default any
 * signature is accepted). Rebuilds the canonical request from the method, the request target
 * (`/` for the JSON protocols; a restJson1 call's path and query, canonicalised as the SDK's
 * signer does), the signed headers and the hash of the body as received (never the client's
 * `x-amz-content-sha256`, which a replayed request could keep while its body changed), and
 * compares signatures in constant time. As with AWS, a signature is valid for 15 minutes either
 * side of the server's clock.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { parseSigV4Authorization } from "../../boundary";
import { AwsError } from "./errors";

const ALGORITHM = "AWS4-HMAC-SHA256";
const MAX_SKEW_MS = 15 * 60_000;

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** `AKID:secret,AKID2:secret2` → map; throws on a malformed list. */
export function parseKeyList(text: string): ReadonlyMap<string, string> {
  const keys = new Map<string, string>();
  for (const pair of text.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    const colon = pair.indexOf(":");
    if (colon <= 0 || colon === pair.length - 1) throw new Error("SWITCHYARD_BUS_KEYS must be AKID:secret pairs separated by commas");
    keys.set(pair.slice(0, colon), pair.slice(colon + 1));
  }
  return keys;
}

/** Throws AWS's error when the request is not signed by one of `keys`; `target` is the path and query as sent. */
export function verifySignature(method: string, headers: Headers, body: Uint8Array, keys: ReadonlyMap<string, string>, target = "/", now = Date.now()): void {
  const header = headers.get("authorization");
  if (header === null) {
    throw new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token");
  }
  const auth = parseSigV4Authorization(header);
  if (auth === undefined) throw new AwsError("IncompleteSignatureException", "The request signature is not a valid AWS4-HMAC-SHA256 Authorization header.");
  if (!auth.signedHeaders.includes("host")) throw new AwsError("IncompleteSignatureException", "The request signature must sign the host header.");
  const secret = keys.get(auth.accessKeyId);
  if (secret === undefined) throw new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.");
  const amzDate = headers.get("x-amz-date") ?? "";
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  if (!Number.isFinite(signedAt) || !amzDate.startsWith(auth.date)) {
    throw new AwsError("IncompleteSignatureException", "The request must carry an X-Amz-Date matching its credential scope.");
  }
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw new AwsError("InvalidSignatureException", `Signature expired: ${amzDate} is more than 15 minutes from the server's time.`);
  }
  const canonicalHeaders = auth.signedHeaders.map((name) => `${name}:${(headers.get(name) ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const payloadHash = sha256Hex(body);
  const claimedHash = headers.get("x-amz-content-sha256");
  if (claimedHash !== null && claimedHash !== payloadHash) {
    throw new AwsError("InvalidSignatureException", "The x-amz-content-sha256 header does not match the hash of the request body received.");
  }
  const [path, query = ""] = target.split("?", 2);
  const canonicalRequest = [method, canonicalPath(path), canonicalQuery(query), canonicalHeaders, auth.signedHeaders.join(";"), payloadHash].join("\n");
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, auth.date), auth.region), auth.service), "aws4_request");
  const expected = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest();
  const given = Buffer.from(auth.signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AwsError(
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
    );
  }
}

/** RFC 3986 escaping, as the signer applies it. */
const escapeUri = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The path as the SDK signs it: dot segments resolved, then its (already escaped) text escaped again. */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return escapeUri(normalized).replace(/%2F/g, "/");
}

/** The query's parameters decoded, re-escaped and sorted by key (repeated keys by value). */
function canonicalQuery(query: string): string {
  const byKey = new Map<string, string[]>();
  for (const pair of query.split("&").filter((p) => p !== "")) {
    const [rawKey, rawValue = ""] = pair.split("=", 2);
    const key = escapeUri(decodeQueryPart(rawKey));
    if (key.toLowerCase() === "x-amz-signature") continue;
    byKey.set(key, [...(byKey.get(key) ?? []), `${key}=${escapeUri(decodeQueryPart(rawValue))}`]);
  }
  return [...byKey.keys()]
    .sort()
    .map((key) => (byKey.get(key) ?? []).sort().join("&"))
    .join("&");
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AwsError("InvalidSignatureException", `The query parameter ${text} is not valid percent-encoded text.`);
  }
}

/** The access key id of a SigV4 `Authorization` header (`Credential=AKID/date/region/service/aws4_request`). */
export function accessKeyOf(authorization: string | null): string | undefined {
  return parseSigV4Authorization(authorization)?.accessKeyId;
}
