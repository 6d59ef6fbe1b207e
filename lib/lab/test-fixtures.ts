/** Test designs for the lab: the "reward big payments" starter, reduced, with a Kafka filter. */
import type { Design } from "@/lib/graph/schema";
import { design, node, patternRule } from "@/lib/graph/test-fixtures";
import { catalogueEntry } from "./catalogue";

const sample = (id: string) => ({ id, name: catalogueEntry(id)!.name, event: catalogueEntry(id)!.text });

export function paymentsDesign(overrides: { rewardsPattern?: string; filter?: string[] } = {}): Design {
  const rewards = patternRule("rewards-rule", overrides.rewardsPattern ?? '{"source": ["demo.payments"], "detail-type": ["Payment Processed"], "detail": {"total_cost": [{"numeric": [">", 200]}]}}', {
    name: "payment-processed",
    expectations: [
      { sample: "payment-242", expect: "match" },
      { sample: "payment-150", expect: "no-match" },
      { sample: "payment-string-total", expect: "no-match" },
    ],
  });
  const warehouse = patternRule("warehouse-rule", '{"detail-type": ["Payment Processed"]}', {
    name: "warehouse",
    expectations: [{ sample: "payment-150", expect: "match" }],
  });
  const kafka = node("kafka-topic", "customers", {
    filterCriteria: overrides.filter ?? ['{"value": {"state": ["WA"]}}', '{"value": {"state": ["OR"]}}'],
    expectations: [
      { sample: "kafka-customer-wa", expect: "match" },
      { sample: "kafka-customer-ny", expect: "no-match" },
    ],
  });
  const base = design(
    [node("custom-app", "app", { source: "demo.payments" }), node("event-bus", "bus", { name: "eda_bus", variant: "custom" }), rewards, warehouse, node("lambda", "fn"), node("lambda", "fn2"), kafka, node("lambda", "consumer")],
    [["app", "bus"], ["bus", "rewards-rule"], ["bus", "warehouse-rule"], ["rewards-rule", "fn"], ["warehouse-rule", "fn2"], ["customers", "consumer"]],
  );
  return { ...base, name: "payments", samples: ["payment-242", "payment-150", "payment-string-total", "kafka-customer-wa", "kafka-customer-ny"].map(sample) };
}

