import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Design } from "@/lib/graph/schema";
import { patternRule } from "@/lib/graph/test-fixtures";
import { testEventPattern } from "@/lib/pattern";
import { catalogueEntry } from "./catalogue";
import { checkExpectations, checkLabExpectations, exportExpectationsAsTest, testFileName } from "./expectations";
import type { LabState } from "./share";
import { paymentsDesign, runJestFile } from "./test-fixtures";

describe("checkExpectations", () => {
  it("verifies every rule's and stream source's expectations", () => {
    const report = checkExpectations(paymentsDesign());
    expect(report).toMatchObject({ ok: true, checked: 6, failed: 0 });
    expect(report.nodes.map((n) => [n.label, n.kind, n.outcomes.map((o) => [o.sampleId, o.actual, o.ok])])).toEqual([
      ["rule payment-processed", "rule", [["big-payment", "match", true], ["small-payment", "no-match", true], ["string-total", "no-match", true]]],
      ["rule warehouse", "rule", [["small-payment", "match", true]]],
      ["kafka-topic customers", "stream-source", [["customer-wa", "match", true], ["customer-ny", "no-match", true]]],
    ]);
    const stringTotal = report.nodes[0]!.outcomes[2]!;
    expect(stringTotal.reasons[0]).toBe('detail.total_cost is "242.58"; the rule needs > 200');
    const ny = report.nodes[2]!.outcomes[1]!;
    expect(ny.reasons).toEqual(['Filter 1: value.state is "NY"; the filter needs "WA"', 'Filter 2: value.state is "NY"; the filter needs "OR"']);
  });

  it("flags a broken expectation with the reason from explain", () => {
    const report = checkExpectations(paymentsDesign({ rewardsPattern: '{"source": ["demo.payments"], "detail": {"total_cost": [{"numeric": [">", 100]}]}}' }));
    expect(report).toMatchObject({ ok: false, failed: 1 });
    const broken = report.nodes[0]!.outcomes.find((o) => !o.ok)!;
    expect(broken).toMatchObject({ sampleId: "small-payment", expected: "no-match", actual: "match" });
    expect(broken.reasons).toContain("detail.total_cost is 150; matches > 100");
  });

  it("reports an invalid pattern, unknown samples, invalid sample events and schedule rules", () => {
    const d = paymentsDesign({ rewardsPattern: '{"detail": {"total_cost": [{"numeric": [">", "x"]}]}}', filter: [] });
    const schedule = patternRule("nightly", "{}", { name: "nightly", trigger: { type: "schedule", expression: "rate(1 day)" }, expectations: [{ sample: "big-payment", expect: "match" }] });
    const warehouse = d.nodes.find((n) => n.id === "warehouse-rule")!;
    const withProblems: Design = {
      ...d,
      nodes: [...d.nodes.filter((n) => n !== warehouse), { ...warehouse, expectations: [{ sample: "missing", expect: "match" }, { sample: "broken", expect: "match" }] } as typeof warehouse, schedule],
      samples: [...(d.samples ?? []), { id: "broken", name: "Broken", event: '{"source": "x"}' }],
    };
    const report = checkExpectations(withProblems);
    expect(report.ok).toBe(false);
    const byLabel = new Map(report.nodes.map((n) => [n.label, n]));
    expect(byLabel.get("rule payment-processed")?.problems[0]).toMatch(/^Event pattern is not valid. Reason: /);
    expect(byLabel.get("rule payment-processed")?.outcomes.every((o) => !o.ok && o.actual === undefined)).toBe(true);
    expect(byLabel.get("rule warehouse")?.outcomes.map((o) => o.reasons[0])).toEqual([
      'There is no sample "missing" in the design',
      "The sample is not a valid event: The event lacks required fields: id, account, time, region, detail-type.",
    ]);
    expect(byLabel.get("rule nightly")?.problems).toEqual(["A schedule rule matches no events, so it cannot have expectations"]);
    // No filter criteria: every record passes.
    expect(byLabel.get("kafka-topic customers")?.outcomes.map((o) => [o.actual, o.ok])).toEqual([
      ["match", true],
      ["match", false],
    ]);
  });
});

describe("checkLabExpectations", () => {
  it("checks the lab's own marks", () => {
    const state: LabState = {
      pattern: '{"detail": {"total_cost": [{"numeric": [">", 200]}]}}',
      events: ["big-payment", "small-payment"].map((id) => ({ id, name: id, text: catalogueEntry(id)!.text, origin: "catalogue" as const })),
      expectations: { "big-payment": "match", "small-payment": "match" },
    };
    const report = checkLabExpectations(state);
    expect(report).toMatchObject({ ok: false, checked: 2, failed: 1 });
    expect(report.nodes[0]!.outcomes.find((o) => !o.ok)).toMatchObject({ sampleId: "small-payment", actual: "no-match" });
    expect(checkLabExpectations({ ...state, expectations: {} })).toEqual({ nodes: [], checked: 0, failed: 0, ok: true });
  });
});

/** The SDK module the generated file requires, answering with `ask` (the real one is used in verify.integration.test.ts). */
function fakeEventBridge(ask: (pattern: string, event: string) => boolean): unknown {
  class TestEventPatternCommand {
    constructor(readonly input: { EventPattern: string; Event: string }) {}
  }
  class EventBridgeClient {
    async send(command: TestEventPatternCommand) {
      return { Result: ask(command.input.EventPattern, command.input.Event) };
    }
  }
  return { EventBridgeClient, TestEventPatternCommand };
}

describe("exportExpectationsAsTest", () => {
  it("writes a Jest file whose cases ask TestEventPattern and pass when the expectations hold", async () => {
    const text = exportExpectationsAsTest(paymentsDesign(), "jest");
    expect(text).toMatch(/^\/\/ payments: event pattern expectations\n\/\/ Generated by Switchyard\. AWS is the authority on event patterns/);
    expect(text).toContain('require("@aws-sdk/client-eventbridge")');
    const results = await runJestFile(text, fakeEventBridge(testEventPattern));
    expect(results).toEqual([
      { name: 'rule payment-processed: "Payment Processed, total 242.58" should match', passed: true },
      { name: 'rule payment-processed: "Payment Processed, total 150" should not match', passed: true },
      { name: 'rule payment-processed: "Payment Processed, total as the string "242.58"" should not match', passed: true },
      { name: 'rule warehouse: "Payment Processed, total 150" should match', passed: true },
      { name: 'kafka-topic customers filter: "Customer in WA (partition 0, offset 15)" should match', passed: true },
      { name: 'kafka-topic customers filter: "Customer in NY (partition 0, offset 16)" should not match', passed: true },
    ]);
    // A broken expectation fails its generated test.
    const broken = exportExpectationsAsTest(paymentsDesign({ rewardsPattern: '{"detail": {"total_cost": [{"numeric": [">", 100]}]}}' }), "jest");
    expect((await runJestFile(broken, fakeEventBridge(testEventPattern))).filter((r) => !r.passed).map((r) => r.name)).toEqual(['rule payment-processed: "Payment Processed, total 150" should not match']);
  });

  it("writes files Node parses as they are (ES module for Vitest, CommonJS for Jest)", () => {
    const dir = mkdtempSync(join(tmpdir(), "switchyard-export-"));
    try {
      for (const framework of ["vitest", "jest"] as const) {
        const path = join(dir, testFileName(framework));
        writeFileSync(path, exportExpectationsAsTest(paymentsDesign(), framework));
        const check = spawnSync(process.execPath, ["--check", path], { encoding: "utf8" });
        expect(check.status, check.stderr).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes a Vitest file with ES imports and the same cases, and exports a lab state", () => {
    const text = exportExpectationsAsTest(paymentsDesign(), "vitest");
    expect(text).toContain('import { describe, expect, it } from "vitest";\nimport { EventBridgeClient, TestEventPatternCommand } from "@aws-sdk/client-eventbridge";');
    expect(text).toContain("// Save as event-patterns.test.mjs and run: npx vitest run event-patterns.test.mjs");
    const cases = JSON.parse(/const cases = (\[[\s\S]*?\n\]);/.exec(text)![1]!) as { patterns: string[]; event: string; expect: string }[];
    expect(cases).toHaveLength(6);
    const kafka = JSON.parse(cases[4]!.event);
    expect(kafka).toMatchObject({ source: "switchyard.stream-record", value: { state: "WA" } });
    expect(kafka.topic).toBeUndefined();
    const lab = exportExpectationsAsTest({ pattern: '{"source": ["demo.payments"]}', events: [{ id: "e1", name: "Big", text: catalogueEntry("big-payment")!.text, origin: "catalogue" }], expectations: { e1: "match" } }, "vitest");
    expect(lab).toContain('describe("Pattern lab expectations"');
    expect(lab).toContain('"name": "\\"Big\\" (e1) should match"');
  });
});
