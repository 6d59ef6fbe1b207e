/**
 * IP addresses and CIDR blocks the way event-ruler reads them (its `CIDR` class on top of Java's
 * `InetAddress`), turned into the fixed-width hex strings of `IpRange`.
 *
 * Quirks kept on purpose, because AWS runs this code (lib/pattern/SEMANTICS.md, "cidr"):
 * - A text is an IP candidate only if it matches Ruler's regexes: four dot-separated decimal
 *   runs, or hex digits and colons with at least one colon. So `::ffff:10.0.0.1` (mixed
 *   notation) and zone ids (`fe80::1%eth0`) are never IPs.
 * - IPv4 parts are decimal even with leading zeros (`010.0.0.1` is 10.0.0.1), each at most 255,
 *   and the whole text at most 15 characters (Java's `textToNumericFormatV4`).
 * - IPv6 groups may carry leading zeros as long as the value fits 16 bits; an IPv4-mapped
 *   address written in hex (`::ffff:a00:1`) becomes the IPv4 address 10.0.0.1.
 * - Masks: IPv4 `/0`…`/31`, IPv6 `/0`…`/127`; host bits are ignored.
 * - Ranges compare as hex strings by prefix, so an IPv4 range also matches an IPv6 address whose
 *   first 8 hex digits fall inside it (`10.0.0.0/8` matches `a00:1::`), as in Ruler's byte machine.
 * We do not follow Java's newer "ambiguous IPv4 literal" rejection; SEMANTICS.md "cidr" records
 * Ruler reading `010.0.0.1` as 10.0.0.1.
 */

import { hexValue } from "./json";
import type { IpRange } from "./model";

const IPV4_CANDIDATE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_CANDIDATE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** Java `IPAddressUtil.textToNumericFormatV4`, for texts that passed the IPv4 regex. */
function parseV4(text: string): number[] | undefined {
  if (text.length === 0 || text.length > 15) return undefined;
  const bytes: number[] = [];
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (value > 255) return undefined;
      bytes.push(value);
      value = 0;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  if (value > 255) return undefined;
  bytes.push(value);
  return bytes.length === 4 ? bytes : undefined;
}

/** Java `IPAddressUtil.textToNumericFormatV6` (without the dotted-quad tail the regex excludes). */
function parseV6(text: string): number[] | undefined {
  const n = text.length;
  if (n < 2) return undefined;
  const dst = new Array<number>(16).fill(0);
  let i = 0;
  let j = 0;
  let colonp = -1;
  if (text.charCodeAt(0) === 58) {
    i = 1;
    if (text.charCodeAt(1) !== 58) return undefined;
  }
  let sawDigit = false;
  let val = 0;
  while (i < n) {
    const c = text.charCodeAt(i++);
    const d = hexValue(c);
    if (d >= 0) {
      val = (val << 4) | d;
      if (val > 0xffff) return undefined;
      sawDigit = true;
      continue;
    }
    if (c !== 58) return undefined;
    if (!sawDigit) {
      if (colonp !== -1) return undefined;
      colonp = j;
      continue;
    }
    if (i === n) return undefined;
    if (j + 2 > 16) return undefined;
    dst[j++] = (val >> 8) & 0xff;
    dst[j++] = val & 0xff;
    sawDigit = false;
    val = 0;
  }
  if (sawDigit) {
    if (j + 2 > 16) return undefined;
    dst[j++] = (val >> 8) & 0xff;
    dst[j++] = val & 0xff;
  }
  if (colonp !== -1) {
    const moved = j - colonp;
    if (j === 16) return undefined;
    for (let k = 1; k <= moved; k++) {
      dst[16 - k] = dst[colonp + moved - k] ?? 0;
      dst[colonp + moved - k] = 0;
    }
    j = 16;
  }
  if (j !== 16) return undefined;
  // IPv4-mapped (::ffff:a.b.c.d) collapses to the IPv4 address, as InetAddress does.
  let mapped = dst[10] === 0xff && dst[11] === 0xff;
  for (let k = 0; k < 10 && mapped; k++) if (dst[k] !== 0) mapped = false;
  return mapped ? dst.slice(12) : dst;
}

type IpParse = { readonly ok: true; readonly bytes: number[] } | { readonly ok: false; readonly reason: string };

/** Ruler `CIDR.ipToBytes`: the address bytes, or the reason Ruler gives for refusing the text. */
function ipToBytes(text: string): IpParse {
  if (IPV4_CANDIDATE.test(text)) {
    const bytes = parseV4(text);
    // A dotted text that is no IPv4 literal goes to DNS in Java and fails there.
    return bytes ? { ok: true, bytes } : { ok: false, reason: `Invalid IP address: ${text}` };
  }
  if (IPV6_CANDIDATE.test(text)) {
    const bytes = parseV6(text);
    return bytes ? { ok: true, bytes } : { ok: false, reason: `Invalid IP address: ${text}` };
  }
  return { ok: false, reason: `Nonstandard IP address: ${text}` };
}

const HEX = "0123456789ABCDEF";

function toHex(bytes: readonly number[]): string {
  let out = "";
  for (const b of bytes) out += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  return out;
}

/** An IP literal as upper-case hex (8 or 32 digits), or `undefined` when Ruler would not read it as an IP. */
export function ipToHex(text: string): string | undefined {
  const parsed = ipToBytes(text);
  return parsed.ok ? toHex(parsed.bytes) : undefined;
}

/** The one-address range Ruler compiles a plain string into when it is an IP literal. */
export function ipLiteralRange(text: string): IpRange | undefined {
  const hex = ipToHex(text);
  if (hex === undefined) return undefined;
  return { version: hex.length === 8 ? 4 : 6, first: hex, last: hex };
}

/** Java `Integer.parseInt` on ASCII text: optional sign, decimal digits, 32-bit range. */
function parseJavaInt(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= -2147483648 && value <= 2147483647 ? value : undefined;
}

export type CidrParse = { readonly ok: true; readonly range: IpRange } | { readonly ok: false; readonly reason: string };

/** Ruler `CIDR.cidr`: a CIDR block as a range, or the exact reason AWS gives for rejecting it. */
export function parseCidr(text: string): CidrParse {
  // Java's String.split drops trailing empty strings: "10.0.0.0/" has one part, "a/24/" two.
  const parts = text.split("/");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length !== 2) return { ok: false, reason: "Malformed CIDR, one '/' required" };
  const [address = "", maskText = ""] = parts;
  const mask = parseJavaInt(maskText);
  if (mask === undefined) return { ok: false, reason: "Malformed CIDR, mask bits must be an integer" };
  if (mask < 0) return { ok: false, reason: "Malformed CIDR, mask bits must not be negative" };
  const parsed = ipToBytes(address);
  if (!parsed.ok) return parsed;
  const bytes = parsed.bytes;
  const bits = bytes.length * 8;
  if (mask > bits - 1) {
    return { ok: false, reason: bytes.length === 4 ? "IPv4 mask bits must be < 32" : "IPv6 mask bits must be < 128" };
  }
  const first: number[] = [];
  const last: number[] = [];
  let hostBits = bits - mask;
  for (let i = bytes.length - 1; i >= 0; i--) {
    const b = bytes[i] ?? 0;
    // Host bits are cleared: `10.0.0.77/24` covers 10.0.0.0-10.0.0.255 (SEMANTICS.md "cidr").
    first[i] = hostBits >= 8 ? 0 : hostBits <= 0 ? b : b & ~((1 << hostBits) - 1);
    last[i] = hostBits >= 8 ? 0xff : hostBits <= 0 ? b : b | ((1 << hostBits) - 1);
    hostBits -= 8;
  }
  return { ok: true, range: { version: bytes.length === 4 ? 4 : 6, first: toHex(first), last: toHex(last) } };
}

/**
 * Whether an address (as `ipToHex` gives it) lies in a range, as Ruler's byte machine walks it:
 * digit by digit until it leaves the bounds. A 32-digit IPv6 address is decided by its leading
 * digits against an 8-digit IPv4 range; an 8-digit IPv4 address against an IPv6 range matches only
 * once it is strictly between the bounds within its own 8 digits (`::/1` holds 0.0.0.1 to
 * 127.255.255.254), since it ends before reaching the bounds' end.
 */
export function ipInRange(hex: string, range: IpRange): boolean {
  const width = range.first.length;
  if (hex.length < width) return hex > range.first.slice(0, hex.length) && hex < range.last.slice(0, hex.length);
  const head = hex.length === width ? hex : hex.slice(0, width);
  return head >= range.first && head <= range.last;
}
