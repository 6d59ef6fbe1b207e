import { describe, expect, it } from "vitest";
import { evaluateAnyOf } from "./any-of";
import { catalogueGroupEvents } from "./catalogue";
import { evaluateLab } from "./evaluate";

const RECORDS = catalogueGroupEvents("starter-kafka-cross-account");
const WEST = '{"value": {"state": ["WA", "OR", "CA"]}}';

function verdicts(patterns: readonly string[]): Record<string, boolean> {
  return Object.fromEntries((evaluateAnyOf(patterns, RECORDS, { kind: "kafka" }).results ?? []).map((r) => [r.eventId, r.matched]));
}

describe("evaluateAnyOf", () => {
  it("passes a record when any criterion matches it, as Lambda filters", () => {
    expect(verdicts([WEST])).toEqual({ "customer-wa": true, "customer-ny": false, "customer-ca": true, "not-json": false });
    expect(verdicts([WEST, '{"value": {"state": ["NY"]}}'])).toEqual({ "customer-wa": true, "customer-ny": true, "customer-ca": true, "not-json": false });
    const run = evaluateAnyOf(['{"value": {"state": ["NY"]}}', WEST], RECORDS, { kind: "kafka" });
    expect(run.results?.find((r) => r.eventId === "customer-ca")?.matchedBy).toBe(1);
    expect(run.counts).toEqual({ matched: 3, unmatched: 1, invalidEvents: 0 });
  });

  it("passes every record when there are no criteria", () => {
    expect(verdicts([])).toEqual({ "customer-wa": true, "customer-ny": true, "customer-ca": true, "not-json": true });
  });

  it("agrees with evaluateLab for a single criterion, reason included", () => {
    const single = evaluateLab(WEST, RECORDS, { kind: "kafka" }).results!;
    const combined = evaluateAnyOf([WEST], RECORDS, { kind: "kafka" }).results!;
    expect(combined.map((r) => [r.matched, r.failure])).toEqual(single.map((r) => [r.matched, r.failure]));
    expect(combined.find((r) => r.eventId === "customer-ny")?.failure).toBe('value.state is "NY"; the filter needs one of: "WA", "OR", "CA"');
    expect(combined.find((r) => r.eventId === "not-json")?.failure).toBe('value.state is missing; the filter needs one of: "WA", "OR", "CA"');
  });

  it("explains a filtered-out record with the criterion that came closest", () => {
    // Criterion 1 fails on both fields; criterion 2 holds on city and fails only on state.
    const far = '{"value": {"state": ["TX"], "city": ["Austin"]}}';
    const near = '{"value": {"state": ["TX"], "city": ["New York"]}}';
    const ny = evaluateAnyOf([far, near], RECORDS, { kind: "kafka" }).results!.find((r) => r.eventId === "customer-ny")!;
    expect(ny.matched).toBe(false);
    expect(ny.closest).toBe(1);
    expect(ny.failure).toBe('Filter 2: value.state is "NY"; the filter needs "TX"');
    // On a tie the first criterion speaks.
    const tie = evaluateAnyOf(['{"value": {"state": ["TX"]}}', '{"value": {"state": ["UT"]}}'], RECORDS, { kind: "kafka" }).results!.find((r) => r.eventId === "customer-ny")!;
    expect(tie.closest).toBe(0);
    expect(tie.failure).toBe('Filter 1: value.state is "NY"; the filter needs "TX"');
  });

  it("gives no verdicts when a criterion is not valid, and says which", () => {
    const run = evaluateAnyOf([WEST, '{"value": '], RECORDS, { kind: "kafka" });
    expect(run.results).toBeNull();
    expect(run.validations.map((v) => v.valid)).toEqual([true, false]);
  });

  it("reports a record that cannot be filtered as invalid, criteria or not", () => {
    const broken = [{ id: "bad", name: "bad", text: "{", origin: "pasted" as const }];
    for (const patterns of [[], [WEST]]) {
      const run = evaluateAnyOf(patterns, broken, { kind: "kafka" });
      expect(run.results?.[0]?.matched).toBe(false);
      expect(run.results?.[0]?.error).toBeTruthy();
      expect(run.counts.invalidEvents).toBe(1);
    }
  });
});
