/** The SigV4 `Authorization` header, read once here for the boundary and the local endpoint's signature check. */

export interface SigV4Authorization {
  readonly accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

export function parseSigV4Authorization(header: string | null | undefined): SigV4Authorization | undefined {
  if (header === null || header === undefined) return undefined;
  const match = AUTHORIZATION.exec(header.trim());
  if (match === null) return undefined;
  return {
    accessKeyId: match[1],
    date: match[2],
    region: match[3],
    service: match[4],
    signedHeaders: match[5].split(";"),
    signature: match[6],
  };
}
