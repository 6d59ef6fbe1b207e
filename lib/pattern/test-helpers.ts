/** Shared by the tests: events with a valid envelope, and pattern verdicts in one call. */
import { InvalidEventPatternError, testEventPattern } from "./index";

const ENVELOPE =
  '"id": "1", "account": "123456789012", "source": "test.source", "time": "2022-07-13T13:48:01Z", "region": "us-east-1", "detail-type": "Test", "resources": []';

/** An event with the mandatory envelope plus the given top-level members (JSON text without braces). */
export function eventWith(members: string): string {
  return members.trim() === "" ? `{${ENVELOPE}}` : `{${ENVELOPE}, ${members}}`;
}

/** An event whose `detail` is the given JSON text. */
export function detailEvent(detail: string): string {
  return eventWith(`"detail": ${detail}`);
}

/** The reason testEventPattern throws for a pattern, or undefined if it is valid. */
export function reasonOf(pattern: string): string | undefined {
  try {
    testEventPattern(pattern, eventWith(""));
    return undefined;
  } catch (e) {
    if (e instanceof InvalidEventPatternError) return e.reason;
    throw e;
  }
}
