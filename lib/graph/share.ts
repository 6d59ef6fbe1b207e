/**
 * Share links: the whole design in a URL-safe string `v1.<base64url(raw deflate(JSON))>`.
 *
 * The `v1.` prefix versions the *link encoding* (compression and alphabet; `link-codec.ts`, shared
 * with lab links); the design inside carries its own format version. Decoding validates with the
 * strict schema, so a link can only ever yield a well-formed design, and anything else
 * (truncated, corrupt, foreign, from a newer Switchyard) becomes a `ShareLinkError` that says
 * what is wrong, never a crash.
 */
import { checkDesign } from "./design-file";
import { decodeLinkJson, encodeLinkJson, ShareLinkError, type LinkFormat } from "./link-codec";
import type { Design } from "./schema";

export { ShareLinkError, type ShareLinkErrorReason, type ShareLinkIssue } from "./link-codec";

export const SHARE_LINK_VERSION = "v1";
/** Refuse to inflate beyond this: a tiny link must not expand into gigabytes (a zip bomb). */
export const MAX_DESIGN_BYTES = 8 * 1024 * 1024;
/** Longer than any link a browser keeps; refuse before doing any work. */
export const MAX_LINK_LENGTH = 2 * 1024 * 1024;

const DESIGN_LINK: LinkFormat = { version: SHARE_LINK_VERSION, noun: "design", maxBytes: MAX_DESIGN_BYTES, maxLinkLength: MAX_LINK_LENGTH };

/** The share-link payload for `design`; throws `ShareLinkError` if the design is not valid. */
export function encodeShareLink(design: Design): string {
  return encodeLinkJson(DESIGN_LINK, checked(design, "This design cannot be shared"));
}

/** The design in a share-link payload, validated; throws `ShareLinkError` for anything else. */
export function decodeShareLink(text: string): Design {
  return checked(decodeLinkJson(DESIGN_LINK, text), "The link's design is not valid");
}

function checked(value: unknown, what: string): Design {
  const result = checkDesign(value);
  if (result.ok) return result.design;
  const shown = result.problems.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ");
  const more = result.problems.length > 3 ? ` (and ${result.problems.length - 3} more)` : "";
  throw new ShareLinkError("invalid-design", `${what}: ${shown}${more}`, result.problems);
}
