/**
 * The transport of share links, shared by design links (`share.ts`) and lab links (`lib/lab`):
 * `<version>.<base64url(raw deflate(UTF-8 JSON))>`, with a size cap on both sides and typed
 * errors that say what is wrong. What the JSON must contain is the caller's business (each
 * validates it with its own zod schema after `decodeLinkJson`).
 *
 * Deflate is fflate's synchronous one: the browser's CompressionStream is async and streams,
 * which would make "Copy link" and page render asynchronous for no gain.
 */
import { deflateSync, Inflate } from "fflate";
import type { DesignProblem } from "./design-file";

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

/** What a kind of link is called in messages, its version prefix and its limits. */
export interface LinkFormat {
  /** `v1`: versions the link encoding (compression, alphabet), not the content. */
  readonly version: string;
  /** "design", "lab state": how messages name the content. */
  readonly noun: string;
  /** Refuse to inflate beyond this many bytes (a tiny link must not expand into gigabytes). */
  readonly maxBytes: number;
  /** Refuse longer links before doing any work. */
  readonly maxLinkLength: number;
}

/** The link payload for a JSON-serialisable value. */
export function encodeLinkJson(format: LinkFormat, value: unknown): string {
  const json = new TextEncoder().encode(JSON.stringify(value));
  return `${format.version}.${toBase64Url(deflateSync(json, { level: 9 }))}`;
}

/** The JSON value in a link payload (not yet validated); throws `ShareLinkError`. */
export function decodeLinkJson(format: LinkFormat, text: string): unknown {
  const { noun, version: expected } = format;
  const payload = text.trim();
  if (payload === "") throw new ShareLinkError("empty", `The link carries no ${noun}`);
  if (payload.length > format.maxLinkLength) throw new ShareLinkError("too-long", `The link is too long to be a Switchyard ${noun}`);
  const dot = payload.indexOf(".");
  const version = dot === -1 ? "" : payload.slice(0, dot);
  if (version !== expected) {
    throw new ShareLinkError(
      "unknown-version",
      /^v\d+$/.test(version)
        ? `This link was made by a newer Switchyard (link format ${version}); this one reads ${expected}`
        : `This is not a Switchyard ${noun} link (it should start with ${expected}.)`,
    );
  }
  const data = payload.slice(dot + 1);
  if (data === "") throw new ShareLinkError("corrupt", "The link is damaged: nothing follows its version");
  const json = inflateBounded(fromBase64Url(data), format);
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new ShareLinkError("not-json", `The link's content is not a ${noun} (not JSON)`);
  }
}

function inflateBounded(bytes: Uint8Array, format: LinkFormat): string {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > format.maxBytes) throw new ShareLinkError("too-large", `The link's ${format.noun} is larger than ${format.maxBytes / 1024 / 1024} MiB`);
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
