/**
 * The boundary (lib/boundary) for every page and route Next.js serves: allowed `Host`, changes
 * only from the app's own origin, JSON routes only with JSON, bodies within the route's limit.
 * In production server.ts applies the same policy before Next; under `next dev` this is the only
 * door, AWS clients' calls included (they reach the local endpoint through next.config.ts's
 * rewrites, which run after this).
 */
import { NextResponse, type NextRequest } from "next/server";
import { awsServiceOf, boundarySettings, checkRequest, refusalResponse, type RequestFacts } from "@/lib/boundary";

export function proxy(request: NextRequest): Response {
  const url = new URL(request.url);
  const facts: RequestFacts = {
    method: request.method,
    target: `${url.pathname}${url.search}`,
    header: (name) => request.headers.get(name) ?? undefined,
  };
  const refusal = checkRequest(facts, boundarySettings());
  return refusal === undefined ? NextResponse.next() : refusalResponse(refusal, awsServiceOf(facts));
}
