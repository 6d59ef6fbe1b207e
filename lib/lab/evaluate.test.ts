import { describe, expect, it } from "vitest";
import { explain, testEventPattern } from "@/lib/pattern";
import { CATALOGUE, catalogueEntry, catalogueEntryEvent, catalogueEvents, catalogueGroupEvents } from "./catalogue";
import { describeExplanation, evaluateLab, firstFailure } from "./evaluate";
import { prepareEvents, type LabEvent } from "./events";

const PAYMENTS = '{"source": ["demo.payments"], "detail-type": ["Payment Processed"], "detail": {"total_cost": [{"numeric": [">", 200]}]}}';

function verdicts(pattern: string, events: readonly LabEvent[], kind?: "kafka"): Record<string, boolean> {
  const run = evaluateLab(pattern, events, { kind });
  return Object.fromEntries((run.results ?? []).map((r) => [r.eventId, r.matched]));
}

describe("evaluateLab", () => {
  it("gives the starter designs' verdicts on their sample events", () => {
    expect(verdicts(PAYMENTS, catalogueGroupEvents("starter-reward-big-payments"))).toEqual({ "big-payment": true, "small-payment": false, "string-total": false });
    const rds = '{"source": ["aws.rds"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventSource": ["rds.amazonaws.com"], "eventName": ["CreateDBInstance"]}}';
    expect(verdicts(rds, catalogueGroupEvents("starter-tag-new-databases"))).toEqual({ "create-instance": true, "create-cluster": false, "modify-instance": false });
    expect(verdicts('{"source": ["log.addProduct"]}', catalogueGroupEvents("starter-log-new-products"))).toEqual({ "new-product": true, "other-source": false });
    expect(verdicts('{"source": ["user-service.ddb-stream"]}', catalogueGroupEvents("starter-answers-and-reports"))).toEqual({ "answer-event": true, "report-event": false });
    expect(verdicts('{"value": {"state": ["WA"]}}', catalogueGroupEvents("starter-kafka-cross-account"), "kafka")).toEqual({ "customer-wa": true, "customer-ny": false, "customer-ca": false, "not-json": false });
    const ny = evaluateLab('{"value": {"state": ["WA"]}}', catalogueGroupEvents("starter-kafka-cross-account"), { kind: "kafka" }).results?.[1];
    expect(ny?.failure).toBe('value.state is "NY"; the filter needs "WA"');
  });

  it("agrees with testEventPattern on every catalogue event, and explanations are lib/pattern's own", () => {
    const patterns = [
      PAYMENTS,
      '{"detail": {"state": [{"anything-but": ["running"]}]}}',
      '{"$or": [{"source": [{"prefix": "aws.e"}]}, {"detail": {"severity": [{"numeric": [">=", 7]}]}}]}',
      '{"resources": [{"wildcard": "arn:aws:ec2:*:instance/*"}]}',
      '{"detail": {"service": {"action": {"networkConnectionAction": {"remoteIpDetails": {"ipAddressV4": [{"cidr": "198.51.100.0/24"}]}}}}}}',
    ];
    const events = catalogueEvents();
    for (const pattern of patterns) {
      const run = evaluateLab(pattern, events);
      expect(run.validation.valid).toBe(true);
      run.results?.forEach((result, i) => {
        const text = events[i]!.text;
        expect(result.matched).toBe(testEventPattern(pattern, text));
        expect(result.explanation).toEqual(explain(pattern, text));
      });
      // The row's sentence, computed from the first branch alone, is the full explanation's first failure.
      const fresh = evaluateLab(pattern, events);
      fresh.results?.forEach((result, i) => {
        expect(result.failure).toBe(firstFailure(explain(pattern, events[i]!.text)));
      });
    }
  });

  it("counts matches, non-matches and invalid events", () => {
    const events = [...catalogueGroupEvents("starter-reward-big-payments"), { id: "bad", name: "bad", text: '{"source": "demo.payments"}', origin: "pasted" as const }];
    const run = evaluateLab(PAYMENTS, events);
    expect(run.counts).toEqual({ matched: 1, unmatched: 2, invalidEvents: 1 });
    expect(run.results?.[3]).toEqual({ eventId: "bad", matched: false, explanation: undefined, error: "The event lacks required fields: id, account, time, region, detail-type." });
  });

  it("returns AWS's reason and its offset for an invalid pattern, and no results", () => {
    const text = '{"detail": {"total_cost": [{"numeric": [">", "200"]}]}}';
    const run = evaluateLab(text, catalogueEvents());
    expect(run.results).toBeNull();
    expect(run.validation.valid).toBe(false);
    const first = run.validation.problems[0]!;
    expect(first.message).toMatch(/numeric/i);
    expect(text.slice(first.offset)).toMatch(/^"200"/);
    expect(run.counts).toEqual({ matched: 0, unmatched: 0, invalidEvents: 0 });
    expect(evaluateLab("{", []).validation.problems[0]?.message).toMatch(/end-of-input/);
  });

  it("judges length as a rule (2,048) unless told TestEventPattern's 4,096, or for stream filters", () => {
    const long = `{"source": [${Array.from({ length: 250 }, (_, i) => `"source-${i}"`).join(",")}]}`;
    expect(long.length).toBeGreaterThan(2048);
    expect(long.length).toBeLessThan(4096);
    expect(evaluateLab(long, []).validation.valid).toBe(false);
    expect(evaluateLab(long, [], { maxLength: 4096 }).validation.valid).toBe(true);
    // Lambda filter criteria allow 4,096 characters.
    expect(evaluateLab(long, [], { kind: "kafka" }).validation.valid).toBe(true);
  });

  it("accepts prepared events and gives the same answer", () => {
    const events = catalogueEvents(50);
    expect(evaluateLab(PAYMENTS, prepareEvents(events))).toEqual(evaluateLab(PAYMENTS, events));
  });
});

describe("describeExplanation", () => {
  const payment150 = catalogueEntryEvent(catalogueEntry("small-payment")!);
  const explanationFor = (pattern: string, event: LabEvent = payment150) => evaluateLab(pattern, [event]).results![0]!.explanation!;

  it("says what each field required, what the event had and whether it held", () => {
    const lines = describeExplanation(explanationFor(PAYMENTS));
    expect(lines.map((l) => [l.path, l.held, l.text])).toEqual([
      ["source", true, 'source is "demo.payments"; matches "demo.payments"'],
      ["detail-type", true, 'detail-type is "Payment Processed"; matches "Payment Processed"'],
      ["detail.total_cost", false, "detail.total_cost is 150; the rule needs > 200"],
    ]);
    expect(lines[2]).toMatchObject({ found: "detail.total_cost is 150", required: "needs > 200" });
    expect(PAYMENTS.slice(lines[2]!.span.offset, lines[2]!.span.offset + lines[2]!.span.length)).toBe('[{"numeric": [">", 200]}]');
  });

  it("explains a missing field for anything-but, and names the filter for stream sources", () => {
    const lines = describeExplanation(explanationFor('{"detail": {"state": [{"anything-but": "x"}]}}'), { subject: "the filter" });
    expect(lines.map((l) => l.text)).toEqual(["detail.state is missing; anything-but needs the field to exist"]);
    expect(firstFailure(explanationFor('{"detail": {"total_cost": [1]}}'), { subject: "the filter" })).toBe("detail.total_cost is 150; the filter needs 1");
  });

  it("shows only the branches that matched when one did, every branch otherwise", () => {
    const pattern = '{"$or": [{"source": ["nope"]}, {"detail": {"total_cost": [150]}}]}';
    expect(describeExplanation(explanationFor(pattern)).map((l) => [l.branch, l.held])).toEqual([[1, true]]);
    expect(describeExplanation(explanationFor(pattern), { branches: "all" }).map((l) => [l.branch, l.held])).toEqual([
      [0, false],
      [1, true],
    ]);
    expect(firstFailure(explanationFor(pattern))).toBeUndefined();
    const none = '{"$or": [{"source": ["nope"]}, {"detail": {"total_cost": [1]}}]}';
    expect(describeExplanation(explanationFor(none)).map((l) => l.text)).toEqual(['source is "demo.payments"; the rule needs "nope"', "detail.total_cost is 150; the rule needs 1"]);
  });

  it("adds a line when fields hold only with values from different array elements", () => {
    const event = catalogueEntryEvent(catalogueEntry("big-payment")!);
    const pattern = '{"detail": {"items": {"sku": ["BOOK-001"], "name": ["Coffee mug"]}}}';
    const lines = describeExplanation(explanationFor(pattern, event));
    expect(lines.every((l) => l.path === "" || l.held)).toBe(true);
    expect(lines.at(-1)).toMatchObject({ held: false, text: "every field holds, but only with values from different elements of the same array" });
  });
});

describe("catalogue", () => {
  it("holds the documented AWS events and the starters' custom events, every one a valid event", () => {
    const names = CATALOGUE.flatMap((g) => g.entries.map((e) => e.name)).join("\n");
    for (const expected of [
      "EC2 Instance State-change Notification",
      "S3 Object Created",
      "Scheduled Event",
      "CreateDBInstance",
      "CreateDBCluster",
      "ModifyDBInstance",
      "ECS Task State Change",
      "CodePipeline Pipeline Execution State Change",
      "GuardDuty Finding",
      "AWS Health Event",
      "EC2 Instance Launch Successful",
      "add-product",
      "Payment Processed",
      "AnswerEvent",
      "ReportEvent",
      "Customer in WA (partition 0, offset 15)",
    ]) {
      expect(names).toContain(expected);
    }
    const ids = CATALOGUE.flatMap((g) => g.entries.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const group of CATALOGUE) {
      const events = group.entries.map(catalogueEntryEvent);
      const prepared = prepareEvents(events, group.entries[0]!.kind);
      expect(prepared.filter((p) => !p.ok)).toEqual([]);
    }
  });

  it("keeps the RDS ARNs where the autotag function reads them", () => {
    const instance = JSON.parse(catalogueEntry("create-instance")!.text);
    const cluster = JSON.parse(catalogueEntry("create-cluster")!.text);
    expect(instance.detail.responseElements.dBInstanceArn).toBe("arn:aws:rds:us-east-1:123456789012:db:orders-db");
    expect(cluster.detail.responseElements.dBClusterArn).toBe("arn:aws:rds:us-east-1:123456789012:cluster:reports-cluster");
    const product = JSON.parse(catalogueEntry("new-product")!.text);
    expect(product).toMatchObject({ version: "0", region: "eu-west-1", resources: [], detail: { userId: "user-123", name: "My First Book", category: "Finance", price: 100, insertedId: 1 } });
    expect(catalogueEntry("string-total")!.text).toContain('"total_cost": "242.58"');
  });

  it("makes N varied events for large sets, each with its own id and time", () => {
    const events = catalogueEvents(1000);
    expect(events).toHaveLength(1000);
    const parsed = events.map((e) => JSON.parse(e.text) as { id: string; time: string });
    expect(new Set(parsed.map((p) => p.id)).size).toBe(1000);
    expect(new Set(parsed.map((p) => p.time)).size).toBe(1000);
    expect(new Set(events.map((e) => e.id)).size).toBe(1000);
    expect(prepareEvents(events).every((p) => p.ok)).toBe(true);
  });
});
