/**
 * Expectations of the lab ("this event should (not) match"), keyed by event id. Broken ones are
 * read off the worker's verdicts (lib/lab's checkLabExpectations re-evaluates, which the page
 * must not do per keystroke); the export and `npm run check` use lib/lab.
 */
import type { Expected } from "@/lib/lab";
import type { Verdict } from "./worker-protocol";

export type Expect = Expected;
export type ExpectationMap = Readonly<Record<string, Expect>>;

/** Whether the verdict breaks the expectation (an untestable event breaks "match"). */
export function breaksExpectation(expect: Expect | undefined, verdict: Verdict | undefined): boolean {
  if (expect === undefined || verdict === undefined) return false;
  return expect === "match" ? !verdict.matched : verdict.matched;
}

export function withExpectation(map: ExpectationMap, eventId: string, expect: Expect | undefined): ExpectationMap {
  const next = { ...map };
  if (expect === undefined) delete next[eventId];
  else next[eventId] = expect;
  return next;
}
