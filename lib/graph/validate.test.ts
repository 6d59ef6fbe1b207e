import { describe, expect, it } from "vitest";
import type { Problem, ProblemCode } from "./problems";
import type { DesignNode, InputMode } from "./schema";
import { design, node, patternRule } from "./test-fixtures";
import { validateDesign } from "./validate";

const APP = () => node("custom-app", "app", { source: "com.shop", detailTypes: ["OrderPlaced"] });
const BUS = () => node("event-bus", "bus", { name: "orders" });
const RULE = () => patternRule("rule", '{"source":["com.shop"]}');
const FN = () => node("lambda", "fn");

/** producer → bus → rule → target, plus extra nodes and links. */
function flow(overrides: { app?: DesignNode; bus?: DesignNode; rule?: DesignNode; target?: DesignNode } = {}, extra: DesignNode[] = [], links: [string, string][] = []) {
  return design(
    [overrides.app ?? APP(), overrides.bus ?? BUS(), overrides.rule ?? RULE(), overrides.target ?? FN(), ...extra],
    [["app", "bus"], ["bus", "rule"], ["rule", "fn"], ...links],
  );
}

function codes(problems: readonly Problem[]): ProblemCode[] {
  return problems.map((p) => p.code);
}

function only(problems: readonly Problem[], code: ProblemCode): Problem[] {
  return problems.filter((p) => p.code === code);
}

describe("validateDesign", () => {
  it("finds nothing wrong with a well-formed flow", () => {
    expect(validateDesign(flow())).toEqual([]);
  });

  it.each(["lambda", "sns", "sqs", "step-functions", "firehose", "kinesis", "cloudwatch-logs", "api-destination"] as const)(
    "finds nothing wrong with a fresh %s target from the registry",
    (kind) => expect(validateDesign(flow({ target: node(kind, "fn") }))).toEqual([]),
  );

  it.each(["aws-service", "custom-app", "schedule"] as const)("finds nothing wrong with a fresh %s producer from the registry", (kind) => {
    expect(validateDesign(flow({ app: node(kind, "app"), rule: node("rule", "rule") }))).toEqual([]);
  });

  describe("structure", () => {
    it("reports duplicate node and edge ids", () => {
      const d = flow({}, [node("sqs", "fn")]);
      d.edges.push({ ...d.edges[0]! });
      const found = only(validateDesign(d), "duplicate-id");
      expect(found.map((p) => [p.nodeId, p.edgeId])).toEqual([["fn", undefined], [undefined, "e0"]]);
      expect(found[0]!.severity).toBe("error");
    });

    it("reports dangling edges, naming the missing end", () => {
      const d = flow();
      d.edges.push({ id: "lost", kind: "invokes", source: "rule", target: "ghost" });
      const [p] = only(validateDesign(d), "dangling-edge");
      expect(p).toMatchObject({ edgeId: "lost", severity: "error" });
      expect(p!.message).toContain('target "ghost"');
    });

    it("reports connections that make no sense (a target wired to a producer)", () => {
      const d = flow();
      d.edges.push({ id: "bad", kind: "invokes", source: "fn", target: "app" });
      d.edges.push({ id: "bad2", kind: "feeds", source: "app", target: "rule" });
      expect(only(validateDesign(d), "invalid-connection").map((p) => p.edgeId)).toEqual(["bad", "bad2"]);
    });

    it("warns about the same connection drawn twice", () => {
      const d = flow();
      d.edges.push({ id: "again", kind: "invokes", source: "rule", target: "fn" });
      expect(only(validateDesign(d), "duplicate-edge").map((p) => p.edgeId)).toEqual(["again"]);
    });

    it("warns about unconnected nodes", () => {
      const found = validateDesign(flow({}, [node("s3-bucket", "lonely")]));
      expect(found).toEqual([expect.objectContaining({ code: "unconnected-node", severity: "warning", nodeId: "lonely" })]);
    });
  });

  describe("names", () => {
    it.each([
      ["", "1 to 64"],
      ["a".repeat(65), "1 to 64"],
      ["has space", "may only contain"],
      ["ok/slash", "may only contain"],
    ])("rejects rule name %j", (name, text) => {
      const [p] = only(validateDesign(flow({ rule: patternRule("rule", '{"source":["com.shop"]}', { name }) })), "invalid-name");
      expect(p).toMatchObject({ nodeId: "rule", field: "name" });
      expect(p!.message).toContain(text);
    });

    it("accepts a 64-character rule name of all allowed characters", () => {
      const name = "A-b_c.9".repeat(9).slice(0, 64);
      expect(validateDesign(flow({ rule: patternRule("rule", '{"source":["com.shop"]}', { name }) }))).toEqual([]);
    });

    it("checks bus names: characters, length, slash only for partners, default reserved", () => {
      const check = (overrides: Partial<DesignNode & { kind: "event-bus" }>) =>
        codes(validateDesign(flow({ bus: node("event-bus", "bus", { name: "orders", ...overrides }) })));
      expect(check({ name: "a".repeat(257) })).toContain("invalid-name");
      expect(check({ name: "a".repeat(256) })).toEqual([]);
      expect(check({ name: "bad name" })).toContain("invalid-name");
      expect(check({ name: "team/orders" })).toContain("invalid-name");
      expect(check({ name: "default" })).toContain("reserved-bus-name");
      expect(check({ variant: "default", name: "orders" })).toContain("reserved-bus-name");
      expect(check({ variant: "default", name: "default" })).toEqual([]);
    });

    it("reports two buses with one name in one account and region, and two rules with one name on a bus", () => {
      const d = flow({}, [node("event-bus", "bus2", { name: "orders" }), patternRule("rule2", '{"source":["com.shop"]}', { name: "rule" })], [["bus", "rule2"], ["rule2", "fn"]]);
      const found = validateDesign(d);
      expect(only(found, "duplicate-bus").map((p) => p.nodeId)).toEqual(["bus2"]);
      expect(only(found, "duplicate-rule-name").map((p) => p.nodeId)).toEqual(["rule2"]);
    });

    it("checks archive names and patterns", () => {
      const bus = node("event-bus", "bus", { name: "orders", archive: { name: "bad name", pattern: '{"source":"x"}', retentionDays: 0 } });
      const found = validateDesign(flow({ bus }));
      expect(found.map((p) => [p.code, p.field])).toEqual([["invalid-name", "archive.name"], ["invalid-pattern", "archive.pattern"]]);
    });
  });

  describe("producers and stream sources", () => {
    it("requires aws.* sources for AWS services and forbids them for custom apps", () => {
      expect(codes(validateDesign(flow({ app: node("aws-service", "app", { source: "ec2" }) })))).toEqual(["invalid-source"]);
      expect(codes(validateDesign(flow({ app: node("custom-app", "app", { source: "aws.shop" }) })))).toEqual(["invalid-source"]);
    });

    it("sends partner sources only to their own partner bus", () => {
      const partner = node("saas-partner", "app", { eventSourceName: "aws.partner/z.com/1/t" });
      expect(codes(validateDesign(flow({ app: partner })))).toEqual(["partner-bus-mismatch"]);
      const bus = node("event-bus", "bus", { variant: "partner", name: "aws.partner/z.com/1/t" });
      expect(validateDesign(flow({ app: partner, bus }))).toEqual([]);
      expect(codes(validateDesign(flow({ bus })))).toEqual(["partner-bus-mismatch"]);
    });

    it("checks stream batch size, filters, and that an event source mapping only feeds a function", () => {
      const stream = node("sqs-queue-source", "q", { batchSize: 0, filterCriteria: ['{"body":"x"}'] });
      const found = validateDesign(flow({}, [stream], [["q", "fn"], ["q", "bus"]]));
      expect(found.map((p) => [p.code, p.field])).toEqual([
        ["out-of-range", "batchSize"],
        ["invalid-filter-pattern", "filterCriteria.0"],
        ["stream-reader-mismatch", "reader"],
      ]);
      const piped = node("sqs-queue-source", "q", { reader: "pipe" });
      expect(validateDesign(flow({}, [piped], [["q", "bus"]]))).toEqual([]);
    });

    it("checks a schedule producer's expression, allowing at(...)", () => {
      expect(validateDesign(flow({ app: node("schedule", "app", { expression: "at(2026-05-01T10:00:00)" }) }))).toEqual([]);
      expect(codes(validateDesign(flow({ app: node("schedule", "app", { expression: "every day" }) })))).toEqual(["invalid-schedule-expression"]);
    });
  });

  describe("rules", () => {
    it("flags a sixth target, not a fifth", () => {
      const targets = ["t1", "t2", "t3", "t4", "t5", "t6"].map((id) => node("sqs", id));
      const d = (n: number) => design([APP(), BUS(), RULE(), ...targets.slice(0, n)], [["app", "bus"], ["bus", "rule"], ...targets.slice(0, n).map((t): [string, string] => ["rule", t.id])]);
      expect(validateDesign(d(5))).toEqual([]);
      expect(validateDesign(d(6))).toEqual([expect.objectContaining({ code: "too-many-targets", severity: "error", nodeId: "rule" })]);
    });

    it("reports AWS's reason and offset for an invalid pattern", () => {
      const [p, ...rest] = validateDesign(flow({ rule: patternRule("rule", '{"source": "com.shop"}') }));
      expect(rest).toEqual([]);
      expect(p).toMatchObject({ code: "invalid-pattern", field: "trigger.pattern", offset: 11 });
      expect(p!.message).toMatch(/^Event pattern is not valid\. Reason: /);
    });

    it("requires a pattern or a schedule: an empty pattern is an error", () => {
      expect(codes(validateDesign(flow({ rule: patternRule("rule", "  ") })))).toEqual(["empty-pattern"]);
    });

    it("checks schedule expressions and runs schedule rules only on the default bus", () => {
      const schedule = (expression: string) => node("rule", "rule", { name: "tick", trigger: { type: "schedule", expression } });
      const defaultBus = node("event-bus", "bus", { variant: "default", name: "default" });
      expect(validateDesign(flow({ bus: defaultBus, rule: schedule("rate(5 minutes)") }))).toEqual([]);
      expect(codes(validateDesign(flow({ rule: schedule("rate(5 minutes)") })))).toEqual(["schedule-not-on-default-bus"]);
      expect(codes(validateDesign(flow({ bus: defaultBus, rule: schedule("rate(1 minutes)") })))).toEqual(["invalid-schedule-expression"]);
    });

    it("requires a rule to be on exactly one bus, and warns when it has no targets", () => {
      expect(codes(validateDesign(design([RULE(), FN()], [["rule", "fn"]])))).toEqual(["rule-without-bus"]);
      const two = flow({}, [node("event-bus", "bus2", { name: "other" })], [["bus2", "rule"]]);
      expect(codes(validateDesign(two))).toEqual(["rule-on-several-buses"]);
      expect(codes(validateDesign(design([APP(), BUS(), RULE()], [["app", "bus"], ["bus", "rule"]])))).toEqual(["rule-without-targets"]);
    });

    it("limits descriptions to 512 characters", () => {
      const rule = patternRule("rule", '{"source":["com.shop"]}', { description: "x".repeat(513) });
      expect(codes(validateDesign(flow({ rule })))).toEqual(["text-too-long"]);
    });
  });

  describe("targets", () => {
    it("checks the retry policy ranges at both ends", () => {
      const at = (age: number, attempts: number) =>
        validateDesign(flow({ target: node("lambda", "fn", { retryPolicy: { maximumEventAgeInSeconds: age, maximumRetryAttempts: attempts } }) })).map((p) => p.field);
      expect(at(60, 0)).toEqual([]);
      expect(at(86_400, 185)).toEqual([]);
      expect(at(59, 186)).toEqual(["retryPolicy.maximumEventAgeInSeconds", "retryPolicy.maximumRetryAttempts"]);
      expect(at(86_401, 0)).toEqual(["retryPolicy.maximumEventAgeInSeconds"]);
    });

    it("checks dead-letter queue and role ARNs", () => {
      const target = node("lambda", "fn", { deadLetterQueueArn: "arn:aws:sns:us-east-1:111122223333:t", roleArn: "my-role" });
      expect(validateDesign(flow({ target })).map((p) => [p.code, p.field])).toEqual([["invalid-arn", "deadLetterQueueArn"], ["invalid-arn", "roleArn"]]);
      const good = node("lambda", "fn", { deadLetterQueueArn: "arn:aws:sqs:us-east-1:111122223333:dlq", roleArn: "arn:aws:iam::111122223333:role/eb-invoke" });
      expect(validateDesign(flow({ target: good }))).toEqual([]);
    });

    it("checks each input mode", () => {
      const withInput = (input: InputMode) =>
        validateDesign(flow({ target: node("sns", "fn", { input }) })).map((p) => [p.code, p.field]);
      expect(withInput({ type: "input-path", inputPath: "detail" })).toEqual([["invalid-input", "input.inputPath"]]);
      expect(withInput({ type: "constant", input: "{not json" })).toEqual([["invalid-input", "input.input"]]);
      expect(withInput({ type: "constant", input: '{"n": 1.50}' })).toEqual([]);
      expect(withInput({ type: "input-transformer", inputPathsMap: { id: "$.id", "bad key": "$.x", state: "detail" }, inputTemplate: '{"id": <id>, "x": <missing>, "rule": <aws.events.rule-name>}' })).toEqual([
        ["invalid-input", "input.inputPathsMap.bad key"],
        ["invalid-input", "input.inputPathsMap.state"],
        ["unknown-template-placeholder", "input.inputTemplate"],
      ]);
    });

    it("needs a message group id for FIFO queues only", () => {
      expect(codes(validateDesign(flow({ target: node("sqs", "fn", { queueName: "jobs.fifo" }) })))).toEqual(["fifo-needs-message-group-id"]);
      expect(validateDesign(flow({ target: node("sqs", "fn", { queueName: "jobs.fifo", messageGroupId: "g" }) }))).toEqual([]);
      expect(codes(validateDesign(flow({ target: node("sqs", "fn", { queueName: "jobs", messageGroupId: "g" }) })))).toEqual(["message-group-id-ignored"]);
    });

    it("requires an https endpoint for API destinations", () => {
      expect(codes(validateDesign(flow({ target: node("api-destination", "fn", { endpoint: "http://x.example.com" }) })))).toEqual(["invalid-endpoint"]);
    });

    it("needs a 12-digit account id for cross-account targets", () => {
      expect(validateDesign(flow({ target: node("sqs", "fn", { crossAccount: true }) })).map((p) => [p.code, p.field])).toEqual([
        ["cross-account-without-account-id", "account"],
      ]);
      expect(codes(validateDesign(flow({ target: node("sqs", "fn", { crossAccount: true, account: "1234" }) })))).toEqual(["invalid-account-id"]);
      expect(validateDesign(flow({ target: node("sqs", "fn", { crossAccount: true, account: "444455556666" }) }))).toEqual([]);
    });

    it("checks event-bus targets: one destination, account id on a cross-account bus, intent matching accounts", () => {
      const bus = node("event-bus", "bus", { name: "orders", account: "111122223333" });
      const central = (account?: string) => node("event-bus", "central", { name: "central", ...(account ? { account } : {}) });
      const fwd = (crossAccount: boolean) => node("event-bus-target", "fn", { crossAccount });
      const consumer = [patternRule("r2", '{"source":["com.shop"]}', { enabled: true }), node("sqs", "q2")];
      const wire: [string, string][] = [["fn", "central"], ["central", "r2"], ["r2", "q2"]];
      const check = (crossAccount: boolean, account?: string) =>
        validateDesign(flow({ bus, target: fwd(crossAccount) }, [central(account), ...consumer], wire)).map((p) => [p.code, p.nodeId]);
      expect(check(true, "444455556666")).toEqual([]);
      expect(check(true)).toEqual([["cross-account-without-account-id", "central"]]);
      expect(check(false, "444455556666")).toEqual([["account-mismatch", "fn"]]);
      expect(codes(validateDesign(flow({ target: fwd(false) })))).toEqual(["bus-target-destination"]);
    });

    it("warns about a target no rule invokes", () => {
      const d = design([node("sns", "t"), node("dynamodb-table", "tbl")], [["t", "tbl"]]);
      expect(validateDesign(d)).toEqual([expect.objectContaining({ code: "target-not-invoked", nodeId: "t", severity: "warning" })]);
    });

    it("accepts a function fed only by a stream", () => {
      expect(validateDesign(design([node("dynamodb-stream", "s"), FN()], [["s", "fn"]]))).toEqual([]);
    });
  });

  it("accepts a function that only puts events (a producer), and checks HTTP API routes and Kafka cluster accounts", () => {
    const d = design(
      [node("http-api", "api", { path: "product" }), node("lambda", "fn"), node("event-bus", "bus"), patternRule("r", '{"source":["a"]}'), node("sqs", "q")],
      [["api", "fn"], ["fn", "bus"], ["bus", "r"], ["r", "q"]],
    );
    expect(validateDesign(d).map((p) => [p.code, p.nodeId, p.field])).toEqual([["invalid-route", "api", "path"]]);
    const publisherOnly = design([node("lambda", "fn"), node("event-bus", "bus"), patternRule("r", '{"source":["a"]}'), node("sqs", "q")], [["fn", "bus"], ["bus", "r"], ["r", "q"]]);
    expect(validateDesign(publisherOnly)).toEqual([]);
    const kafka = design([node("kafka-topic", "k", { account: "12345" }), node("lambda", "fn")], [["k", "fn"]]);
    expect(validateDesign(kafka).map((p) => [p.code, p.field])).toEqual([["invalid-account-id", "account"]]);
  });

  it("checks samples: an expectation naming no sample, a sample that is not JSON", () => {
    const rule = patternRule("rule", '{"source":["com.shop"]}', { expectations: [{ sample: "s1", expect: "match" }, { sample: "gone", expect: "no-match" }] });
    const withSamples = { ...flow({ rule }), samples: [{ id: "s1", name: "Order", producer: "app", event: '{"source": "com.shop"' }] };
    expect(validateDesign(withSamples).filter((p) => p.code === "unknown-sample" || p.code === "invalid-sample")).toEqual([
      { code: "invalid-sample", severity: "error", nodeId: "app", field: "samples.0.event", message: 'Sample "Order" is not valid JSON' },
      { code: "unknown-sample", severity: "error", nodeId: "rule", field: "expectations.1.sample", message: 'The expectation refers to sample "gone", which the design does not have' },
    ]);
    const fixed = { ...withSamples, samples: [{ id: "s1", name: "Order", event: "{}" }, { id: "gone", name: "Other", event: "{}" }] };
    expect(validateDesign(fixed)).toEqual([]);
  });
});
