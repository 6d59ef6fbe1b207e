/**
 * Share links: the whole design in a URL-safe string `v1.<base64url(raw deflate(JSON))>`.
 *
 * The `v1.` prefix versions the *link encoding* (compression and alphabet); the design inside
 * carries its own format version. Decoding validates with the strict schema, so a link can only
 * ever yield a well-formed design, and anything else (truncated, corrupt, foreign, from a newer
 * Switchyard) becomes a `ShareLinkError` that says what is wrong, never a crash.
 *
 * Deflate is fflate's synchronous one: the browser's CompressionStream is async and streams,
 * which would make "Copy link" and page render asynchronous for no gain.
 */
import { deflateSync, Inflate } from "fflate";
import { checkDesign, type DesignProblem } from "./design-file";
import type { Design } from "./schema";

export const SHARE_LINK_VERSION = "v1";
const PREFIX = `${SHARE_LINK_VERSION}.`;
/** Refuse to inflate beyond this: a tiny link must not expand into gigabytes (a zip bomb). */
export const MAX_DESIGN_BYTES = 8 * 1024 * 1024;
/** Longer than any link a browser keeps; refuse before doing any work. */
export const MAX_LINK_LENGTH = 2 * 1024 * 1024;

export type ShareLinkErrorReason = "empty" | "too-long" | "unknown-version" | "not-base64url" | "corrupt" | "too-large" | "not-json" | "invalid-design";

export type ShareLinkIssue = DesignProblem;

export class ShareLinkError extends Error {
  constructor(
    readonly reason: ShareLinkErrorReason,
    message: string,
    readonly issues: readonly ShareLinkIssue[] = [],
  ) {
    super(message);
    this.name = "ShareLinkError";
  }
}

/** The share-link payload for `design`; throws `ShareLinkError` if the design is not valid. */
export function encodeShareLink(design: Design): string {
  const valid = checked(design, "This design cannot be shared");
  const json = new TextEncoder().encode(JSON.stringify(valid));
  return PREFIX + toBase64Url(deflateSync(json, { level: 9 }));
}

/** The design in a share-link payload, validated; throws `ShareLinkError` for anything else. */
export function decodeShareLink(text: string): Design {
  const payload = text.trim();
  if (payload === "") throw new ShareLinkError("empty", "The link carries no design");
  if (payload.length > MAX_LINK_LENGTH) throw new ShareLinkError("too-long", "The link is too long to be a Switchyard design");
  const dot = payload.indexOf(".");
  const version = dot === -1 ? "" : payload.slice(0, dot);
  if (version !== SHARE_LINK_VERSION) {
    throw new ShareLinkError(
      "unknown-version",
      /^v\d+$/.test(version)
        ? `This link was made by a newer Switchyard (link format ${version}); this one reads ${SHARE_LINK_VERSION}`
        : "This is not a Switchyard design link (it should start with v1.)",
    );
  }
  const data = payload.slice(dot + 1);
  if (data === "") throw new ShareLinkError("corrupt", "The link is damaged: nothing follows its version");
  const bytes = fromBase64Url(data);
  const json = inflateBounded(bytes);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ShareLinkError("not-json", "The link's content is not a design (not JSON)");
  }
  return checked(value, "The link's design is not valid");
}

function checked(value: unknown, what: string): Design {
  const result = checkDesign(value);
  if (result.ok) return result.design;
  const shown = result.problems.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ");
  const more = result.problems.length > 3 ? ` (and ${result.problems.length - 3} more)` : "";
  throw new ShareLinkError("invalid-design", `${what}: ${shown}${more}`, result.problems);
}

function inflateBounded(bytes: Uint8Array): string {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > MAX_DESIGN_BYTES) throw new ShareLinkError("too-large", `The link's design is larger than ${MAX_DESIGN_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk);
    done = final;
  });
  try {
    inflate.push(bytes, true);
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError("corrupt", "The link is damaged (truncated or altered): its data does not decompress");
  }
  if (!done) throw new ShareLinkError("corrupt", "The link is damaged (truncated): its data ends early");
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(out);
  } catch {
    throw new ShareLinkError("corrupt", "The link is damaged: its content is not text");
  }
}

// base64url without padding (RFC 4648 §5), strict on decode: btoa/atob are byte-string based
// and lenient, and Buffer is Node-only.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const LOOKUP = new Map([...ALPHABET].map((char, i) => [char, i]));

function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new ShareLinkError("not-base64url", "The link is damaged: its data has an impossible length");
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const char of text) {
    const value = LOOKUP.get(char);
    if (value === undefined) {
      throw new ShareLinkError("not-base64url", `The link is damaged: it contains "${char}", which links never do`);
    }
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
