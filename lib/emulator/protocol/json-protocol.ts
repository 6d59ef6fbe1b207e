/**
 * AWS's JSON protocols (awsJson1.0 / 1.1) as the local services read a request: `POST /` with
 * `X-Amz-Target: <prefix><Operation>` and a JSON body, signed with SigV4.
 */
import { verifySignature } from "./sigv4";

/** The operation `X-Amz-Target` names in `operations`, or undefined for any other target. */
export function targetOperation<T>(target: string, prefix: string, operations: Readonly<Record<string, T>>): T | undefined {
  const name = target.slice(prefix.length);
  return target.startsWith(prefix) && Object.hasOwn(operations, name) ? operations[name] : undefined;
}

/**
 * The request's JSON body (an empty body reads as `{}`), its signature verified first when the
 * endpoint has `signingKeys`. A body that is not JSON throws what `notJson` makes: each service
 * answers with its own error shape.
 */
export async function readJsonRequest(request: Request, signingKeys: ReadonlyMap<string, string> | undefined, notJson: () => Error): Promise<unknown> {
  const body = new Uint8Array(await request.arrayBuffer());
  if (signingKeys !== undefined) verifySignature(request.method, request.headers, body, signingKeys);
  return parseJsonBody(body, notJson);
}

/** A JSON body as bytes (an empty body reads as `{}`); `notJson` makes the error for anything else. */
export function parseJsonBody(body: Uint8Array, notJson: () => Error): unknown {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (text.trim() === "") return {};
    throw notJson();
  }
}
