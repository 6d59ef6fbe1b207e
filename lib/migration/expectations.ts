/**
 * After a migration, every expectation saved on an old rule must still hold for the subscriber
 * that replaced it, on the same sample: the rule's pattern judged as a Classic rule, the
 * subscriber's filters judged on the sample published with PutEvents.
 */
import type { Design, SampleEvent } from "@/lib/graph";
import { putEventsEnvelope, compileFilters, evaluateFilters } from "@/lib/eventsv2";
import { compilePattern, matchesEvent, readEvent } from "@/lib/pattern";
import type { MigrationPlan } from "./plan";

export interface ExpectationCheck {
  readonly subscriberId: string;
  readonly ruleId: string;
  readonly sample: string;
  readonly expect: "match" | "no-match";
  /** What the Classic rule did with the sample. */
  readonly rule: "match" | "no-match";
  /** What the subscriber does with it. */
  readonly subscriber: "match" | "no-match";
  readonly holds: boolean;
}

export function checkMigratedExpectations(original: Design, plan: MigrationPlan): ExpectationCheck[] {
  const samples = new Map<string, SampleEvent>((original.samples ?? []).map((s) => [s.id, s]));
  const rules = new Map(original.nodes.map((n) => [n.id, n]));
  const checks: ExpectationCheck[] = [];
  for (const node of plan.design.nodes) {
    if (node.kind !== "subscriber") continue;
    const ruleId = plan.subscriberRules.get(node.id);
    const rule = ruleId === undefined ? undefined : rules.get(ruleId);
    if (rule?.kind !== "rule" || rule.trigger.type !== "pattern") continue;
    const classic = compilePattern(rule.trigger.pattern);
    const filters = compileFilters(node.filters);
    if (!filters.ok) continue;
    for (const expectation of node.expectations ?? []) {
      const sample = samples.get(expectation.sample);
      if (sample === undefined) continue;
      let event;
      try {
        event = readEvent(sample.event);
      } catch {
        continue; // Not an EventBridge event: design validation reports the sample.
      }
      const envelope = putEventsEnvelope(JSON.parse(sample.event) as Record<string, unknown>, { eventId: sample.id, ingestionTime: "2026-01-01T00:00:00Z", deliveryType: "LIVE" });
      const ruleVerdict = matchesEvent(classic, event) ? "match" : "no-match";
      const subscriberVerdict = evaluateFilters(filters.filters, envelope).matched ? "match" : "no-match";
      checks.push({ subscriberId: node.id, ruleId: rule.id, sample: sample.id, expect: expectation.expect, rule: ruleVerdict, subscriber: subscriberVerdict, holds: subscriberVerdict === expectation.expect });
    }
  }
  return checks;
}
