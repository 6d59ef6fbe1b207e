import { describe, expect, it } from "vitest";
import { parseDesign, readDesignFile, validateDesign, writeDesignFile, type Design, type DesignNode } from "@/lib/graph";
import { checkExpectations } from "@/lib/lab";
import { compilePattern, testEventPattern } from "@/lib/pattern";
import { filterRecords } from "@/lib/emulator/pipes/engine";
import { parseKafkaRecord, passesFilters } from "@/lib/streams/kafka";
import type { JsonValue } from "@/lib/transform";
import { answersAndReportsWithLoop } from "./answers-and-reports";
import { findStarter, STARTERS } from "./index";

function sampleText(design: Design, id: string): string {
  const sample = design.samples?.find((s) => s.id === id);
  if (!sample) throw new Error(`${design.name}: no sample ${id}`);
  return sample.event;
}

interface Verdict {
  readonly node: DesignNode;
  readonly sample: string;
  readonly expected: boolean;
  readonly actual: boolean;
}

/** Expected and actual verdict of every expectation of the design (rules: TestEventPattern; Kafka: the mapping's filter; an SQS queue: the pipe's filter). */
function verdicts(design: Design): Verdict[] {
  return design.nodes.flatMap((node): Verdict[] => {
    if (node.kind === "rule" && node.trigger.type === "pattern") {
      const pattern = node.trigger.pattern;
      return (node.expectations ?? []).map((e) => ({ node, sample: e.sample, expected: e.expect === "match", actual: testEventPattern(pattern, sampleText(design, e.sample)) }));
    }
    if (node.kind === "kafka-topic") {
      const filters = node.filterCriteria.map((f) => compilePattern(f));
      return (node.expectations ?? []).map((e) => ({ node, sample: e.sample, expected: e.expect === "match", actual: passesFilters(parseKafkaRecord(sampleText(design, e.sample)), filters) }));
    }
    if (node.kind === "sqs-queue-source") {
      const passes = (id: string) => filterRecords({ filters: node.filterCriteria, sourceKind: "sqs" }, [JSON.parse(sampleText(design, id)) as JsonValue]).passed.length === 1;
      return (node.expectations ?? []).map((e) => ({ node, sample: e.sample, expected: e.expect === "match", actual: passes(e.sample) }));
    }
    return [];
  });
}

const rules = (design: Design) => design.nodes.filter((n) => n.kind === "rule");

describe.each(STARTERS.map((s) => [s.id, s] as const))("starter %s", (_id, starter) => {
  const design = starter.design();

  it("is a schema-valid design with no validation problems (errors or warnings)", () => {
    expect(parseDesign(design)).toEqual(design);
    expect(validateDesign(design)).toEqual([]);
  });

  it("has expectations on every rule, each naming one of its samples, and every one holds", () => {
    for (const rule of rules(design)) expect((rule.kind === "rule" && rule.expectations?.length) || 0).toBeGreaterThan(0);
    const all = verdicts(design);
    expect(all.length).toBeGreaterThan(0);
    for (const v of all) expect({ node: v.node.id, sample: v.sample, match: v.actual }).toEqual({ node: v.node.id, sample: v.sample, match: v.expected });
    // Both verdicts occur: the samples tell the patterns apart.
    expect(new Set(all.map((v) => v.expected))).toEqual(new Set([true, false]));
  });

  it("passes the lab's expectation check (npm run check): every expectation checked, none broken", () => {
    const report = checkExpectations(design);
    expect(report.checked).toBe(verdicts(design).length);
    expect(report.failed).toBe(0);
    expect(report.ok).toBe(true);
  });

  it("writes a design file that reads back and writes the same bytes", () => {
    const text = writeDesignFile(design);
    const read = readDesignFile(text);
    expect(read).toEqual({ ok: true, design });
    if (read.ok) expect(writeDesignFile(read.design)).toBe(text);
  });

  it("has samples that are complete events of a node of the design", () => {
    const ids = new Set(design.nodes.map((n) => n.id));
    for (const sample of design.samples ?? []) {
      if (sample.producer !== undefined) expect(ids).toContain(sample.producer);
      const event = JSON.parse(sample.event) as Record<string, unknown>;
      const producer = design.nodes.find((n) => n.id === sample.producer)?.kind;
      const fields =
        producer === "kafka-topic"
          ? ["topic", "partition", "offset", "timestamp", "timestampType", "key", "value", "headers"]
          : producer === "sqs-queue-source"
            ? ["messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion"]
            : ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"];
      expect(Object.keys(event)).toEqual(fields);
    }
  });

  it("places nodes apart on the canvas (no two overlap)", () => {
    const positions = design.nodes.map((n) => n.position);
    for (let i = 0; i < positions.length; i++) {
      for (let j = i + 1; j < positions.length; j++) {
        const [a, b] = [positions[i]!, positions[j]!];
        expect(Math.abs(a.x - b.x) >= 240 || Math.abs(a.y - b.y) >= 120, `${design.nodes[i]!.id} overlaps ${design.nodes[j]!.id}`).toBe(true);
      }
    }
  });

  it("returns a fresh copy each time", () => {
    const a = starter.design();
    a.nodes.pop();
    expect(starter.design().nodes).toHaveLength(design.nodes.length);
  });
});

describe("starter details from the issue", () => {
  it("1: rule-rds-created matches CreateDBInstance only and targets autotag", () => {
    const design = findStarter("tag-new-databases")!.design();
    const rule = design.nodes.find((n) => n.kind === "rule")!;
    expect(rule).toMatchObject({ name: "rule-rds-created", enabled: true, description: "Triggers Lambda when new RDS instance are created" });
    expect(design.nodes.find((n) => n.kind === "lambda")).toMatchObject({ functionName: "autotag" });
    expect(JSON.parse(sampleText(design, "create-cluster")).detail.responseElements.dBClusterArn).toMatch(/^arn:aws:rds:/);
  });

  it("2: the add-product sample is the issue's event", () => {
    const design = findStarter("log-new-products")!.design();
    const event = JSON.parse(sampleText(design, "new-product"));
    expect(event).toMatchObject({ version: "0", region: "eu-west-1", resources: [], source: "log.addProduct", "detail-type": "add-product" });
    expect(event.detail).toEqual({ userId: "user-123", name: "My First Book", category: "Finance", price: 100, insertedId: 1 });
    expect(design.nodes.find((n) => n.kind === "http-api")).toMatchObject({ method: "POST", path: "/product" });
  });

  it("3: a string total does not match the numeric filter although the number does", () => {
    const design = findStarter("reward-big-payments")!.design();
    expect(JSON.parse(sampleText(design, "string-total")).detail.total_cost).toBe("242.58");
    expect(JSON.parse(sampleText(design, "big-payment")).detail.total_cost).toBe(242.58);
    expect(design.nodes.find((n) => n.kind === "event-bus")).toMatchObject({ variant: "custom", name: "eda_bus" });
  });

  it("4: the round trip is not a loop, but answerRule matching ReportEvent too is an event loop", () => {
    expect(validateDesign(findStarter("answers-and-reports")!.design())).toEqual([]);
    const problems = validateDesign(answersAndReportsWithLoop());
    expect(problems).toEqual([expect.objectContaining({ code: "event-loop", severity: "error", nodeId: "answer-rule" })]);
    expect(problems[0]!.message).toContain("rule answerRule → function rating → bus default → rule answerRule");
  });

  it("5: the mapping reads topic customer from the producer account's cluster in batches of 100 from the trim horizon", () => {
    const design = findStarter("kafka-cross-account")!.design();
    expect(design.nodes.find((n) => n.kind === "kafka-topic")).toMatchObject({
      topic: "customer",
      batchSize: 100,
      startingPosition: "TRIM_HORIZON",
      consumerGroupId: "msk-lambda-iam",
      account: "111111111111",
    });
    expect(design.nodes.find((n) => n.kind === "lambda")).toMatchObject({ functionName: "msk-lambda-cross-account-iam" });
  });

  it("6: the nightly schedule reads cron(0 2 * * ? *) in Europe/Berlin in group reports and starts the state machine; the reminder is deleted after it fires", () => {
    const design = findStarter("nightly-report")!.design();
    const byId = (id: string) => design.nodes.find((n) => n.id === id);
    expect(byId("nightly-schedule")).toMatchObject({ kind: "schedule", expression: "cron(0 2 * * ? *)", timezone: "Europe/Berlin" });
    expect(byId("reminder-schedule")).toMatchObject({ kind: "schedule", expression: expect.stringMatching(/^at\(/), actionAfterCompletion: "DELETE" });
    expect(design.edges.filter((e) => e.source === "reports-group").map((e) => [e.kind, e.target])).toEqual([["contains", "nightly-schedule"], ["contains", "reminder-schedule"]]);
    expect(design.edges.find((e) => e.source === "nightly-schedule")).toMatchObject({ kind: "delivers", target: "report-machine" });
    expect(byId("report-machine")).toMatchObject({ kind: "step-functions", stateMachineName: "nightly-report" });
  });

  it("7: the pipe keeps PAID orders (in the SQS body), enriches them by an https API destination and puts them on the custom bus orders", () => {
    const design = findStarter("order-pipeline")!.design();
    expect(design.nodes.find((n) => n.kind === "pipe")).toMatchObject({ name: "paid-orders", enrichment: { type: "api-destination", endpoint: expect.stringMatching(/^https:/) } });
    expect(design.edges.map((e) => e.kind)).toEqual(["feeds-pipe", "puts-events", "feeds", "feeds", "invokes", "invokes"]);
    expect(JSON.parse(JSON.parse(sampleText(design, "order-paid")).body)).toMatchObject({ status: "PAID" });
    expect(JSON.parse(JSON.parse(sampleText(design, "order-pending")).body)).toMatchObject({ status: "PENDING" });
    expect(design.nodes.filter((n) => n.kind === "rule")).toHaveLength(2);
  });
});
