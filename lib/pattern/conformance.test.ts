/**
 * The AWS-verified corpus: every case must get AWS's verdict, and every invalid pattern AWS's
 * exact reason (the three non-JSON patterns carry Jackson's wording, which we also imitate).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explain, InvalidEventPatternError, testEventPattern, validatePattern } from "./index";

interface CorpusCase {
  readonly name: string;
  readonly pattern: string;
  readonly event: string;
  readonly expected: "match" | "no-match" | "invalid";
  readonly awsError?: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const shared = process.env.SWITCHYARD_SHARED ?? path.resolve(repoRoot, "../shared");
const corpus = JSON.parse(
  readFileSync(path.join(shared, "conformance/aws-verified-patterns.json"), "utf8"),
) as CorpusCase[];

const PREFIX = "Event pattern is not valid. Reason: ";

describe("AWS-verified conformance corpus", () => {
  it("has all 163 cases", () => {
    expect(corpus).toHaveLength(163);
  });

  for (const c of corpus) {
    it(`${c.name} → ${c.expected}`, () => {
      if (c.expected === "invalid") {
        let thrown: unknown;
        try {
          testEventPattern(c.pattern, c.event);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(InvalidEventPatternError);
        const error = thrown as InvalidEventPatternError;
        expect(error.message).toBe(c.awsError);
        expect(PREFIX + error.reason).toBe(c.awsError);
        const validation = validatePattern(c.pattern, { maxLength: 4096 });
        expect(validation.valid).toBe(false);
        expect(PREFIX + (validation.problems[0]?.message ?? "")).toBe(c.awsError);
      } else {
        expect(testEventPattern(c.pattern, c.event)).toBe(c.expected === "match");
        expect(explain(c.pattern, c.event).matched).toBe(c.expected === "match");
        expect(validatePattern(c.pattern, { maxLength: 4096 }).valid).toBe(true);
      }
    });
  }
});
