/** Test designs for the lab: the "reward big payments" starter, reduced, with a Kafka filter. */
import type { Design } from "@/lib/graph/schema";
import { design, node, patternRule } from "@/lib/graph/test-fixtures";
import { catalogueEntry } from "./catalogue";

const sample = (id: string) => ({ id, name: catalogueEntry(id)!.name, event: catalogueEntry(id)!.text });

export function paymentsDesign(overrides: { rewardsPattern?: string; filter?: string[] } = {}): Design {
  const rewards = patternRule("rewards-rule", overrides.rewardsPattern ?? '{"source": ["demo.payments"], "detail-type": ["Payment Processed"], "detail": {"total_cost": [{"numeric": [">", 200]}]}}', {
    name: "payment-processed",
    expectations: [
      { sample: "big-payment", expect: "match" },
      { sample: "small-payment", expect: "no-match" },
      { sample: "string-total", expect: "no-match" },
    ],
  });
  const warehouse = patternRule("warehouse-rule", '{"detail-type": ["Payment Processed"]}', {
    name: "warehouse",
    expectations: [{ sample: "small-payment", expect: "match" }],
  });
  const kafka = node("kafka-topic", "customers", {
    filterCriteria: overrides.filter ?? ['{"value": {"state": ["WA"]}}', '{"value": {"state": ["OR"]}}'],
    expectations: [
      { sample: "customer-wa", expect: "match" },
      { sample: "customer-ny", expect: "no-match" },
    ],
  });
  const base = design(
    [node("custom-app", "app", { source: "demo.payments" }), node("event-bus", "bus", { name: "eda_bus", variant: "custom" }), rewards, warehouse, node("lambda", "fn"), node("lambda", "fn2"), kafka, node("lambda", "consumer")],
    [["app", "bus"], ["bus", "rewards-rule"], ["bus", "warehouse-rule"], ["rewards-rule", "fn"], ["warehouse-rule", "fn2"], ["customers", "consumer"]],
  );
  return { ...base, name: "payments", samples: ["big-payment", "small-payment", "string-total", "customer-wa", "customer-ny"].map(sample) };
}


/**
 * Runs a generated Jest test file (CommonJS) the way Jest would, with `sdk` as what it requires
 * for "@aws-sdk/client-eventbridge"; answers each test's name and whether it passed.
 */
export async function runJestFile(text: string, sdk: unknown, env: Record<string, string> = {}): Promise<{ name: string; passed: boolean; error?: string }[]> {
  const tests: { name: string; fn: () => Promise<void> }[] = [];
  const requireModule = (name: string): unknown => {
    if (name !== "@aws-sdk/client-eventbridge") throw new Error(`the test file requires ${name}`);
    return sdk;
  };
  const expectLike = (actual: unknown) => ({
    toBe: (wanted: unknown) => {
      if (actual !== wanted) throw new Error(`expected ${String(wanted)}, got ${String(actual)}`);
    },
  });
  const describeLike = (_title: string, body: () => void) => body();
  const itLike = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });
  const run = new Function("require", "describe", "it", "expect", "process", text) as (...args: unknown[]) => void;
  run(requireModule, describeLike, itLike, expectLike, { env });
  const results: { name: string; passed: boolean; error?: string }[] = [];
  for (const test of tests) {
    try {
      await test.fn();
      results.push({ name: test.name, passed: true });
    } catch (error) {
      results.push({ name: test.name, passed: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
