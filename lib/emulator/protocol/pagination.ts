/**
 * `NextToken` / `Limit` paging over a sorted list. Tokens are opaque to callers (an encoded
 * offset); a token that does not decode is the caller's mistake.
 */
import { invalid } from "./errors";
import type { Params } from "./params";

export const MAX_PAGE = 100;

export interface Page<T> {
  readonly items: T[];
  readonly nextToken: string | undefined;
}

/** `limitMember` is the page size's member: `Limit` in most operations, `MaxResults` in some. */
export function readPaging(params: Params, limitMember = "Limit"): { offset: number; limit: number } {
  const limit = params.optionalNumber(limitMember) ?? MAX_PAGE;
  const token = params.optionalString("NextToken");
  return { offset: token === undefined ? 0 : decodeToken(token), limit };
}

export function paginate<T>(all: readonly T[], paging: { offset: number; limit: number }): Page<T> {
  const items = all.slice(paging.offset, paging.offset + paging.limit);
  const end = paging.offset + items.length;
  return { items, nextToken: end < all.length ? encodeToken(end) : undefined };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64url");
}

function decodeToken(token: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof decoded.offset === "number" && Number.isInteger(decoded.offset) && decoded.offset >= 0) return decoded.offset;
  } catch {
    // fall through to the error below
  }
  throw invalid("The NextToken provided is not valid.");
}
