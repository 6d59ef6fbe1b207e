/**
 * Optional SigV4 verification of awsJson1.1 requests against configured local keys (by default
 * any signature is accepted). Rebuilds the canonical request from the method, the path `/` the
 * protocol always uses, the signed headers and the hash of the body as received (never the
 * client's `x-amz-content-sha256`, which a replayed request could keep while its body changed),
 * and compares signatures in constant time. As with AWS, a signature is valid for 15 minutes
 * either side of the server's clock.
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

/** Throws AWS's error when the request is not signed by one of `keys`. */
export function verifySignature(method: string, headers: Headers, body: Uint8Array, keys: ReadonlyMap<string, string>, now = Date.now()): void {
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
  const canonicalRequest = [method, "/", "", canonicalHeaders, auth.signedHeaders.join(";"), payloadHash].join("\n");
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

/** The access key id of a SigV4 `Authorization` header (`Credential=AKID/date/region/service/aws4_request`). */
export function accessKeyOf(authorization: string | null): string | undefined {
  return parseSigV4Authorization(authorization)?.accessKeyId;
}
