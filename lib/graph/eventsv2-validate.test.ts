/**
 * AWS's rules for the Custom Event Bus as problems. Sources: AWS::EventsV2::Subscriber RetryPolicy
 * (60–86,400 s default 300; 0–185 default 5), OnFailureConfiguration (SQS only),
 * JsonataConfiguration (≤ 8,192, `{% … %}`), Subscriber Filter (Pattern ≤ 4,096), the user guide's
 * eb-custom-bus-transform.html ("A subscriber whose target is a Custom Event Bus - Classic
 * supports only RAW"), eb-custom-bus-what-is.html (retention 1 to 365 days) and eb-quota.html
 * (5 buses, 200 event sources, 10,000 subscribers per bus).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SUBSCRIBER_RETRY_POLICY } from "./registry";
import type { Design, DesignNode } from "./schema";
import { design, node } from "./test-fixtures";
import { validateDesign } from "./validate";

/** A bus, a subscriber on it and an SQS target: valid as it stands. */
function flow(subscriber: Partial<DesignNode & { kind: "subscriber" }> = {}, extra: DesignNode[] = [], links: [string, string][] = []): Design {
  return design(
    [node("eventsv2-bus", "bus", { name: "payments" }), node("subscriber", "sub", { name: "big", ...subscriber }), node("sqs", "q"), ...extra],
    [["bus", "sub"], ["sub", "q"], ...links],
  );
}

const codes = (d: Design) => validateDesign(d).map((p) => `${p.code}@${p.nodeId ?? ""}:${p.field ?? ""}`);

describe("Custom Event Bus validation", () => {
  it("finds nothing wrong in a bus, a subscriber with defaults and its target", () => {
    expect(validateDesign(flow())).toEqual([]);
    expect(node("subscriber", "s").retryPolicy).toEqual({ maxEventAgeInSeconds: 300, maxRetryAttempts: 5 });
    expect(DEFAULT_SUBSCRIBER_RETRY_POLICY).toEqual({ maxEventAgeInSeconds: 300, maxRetryAttempts: 5 });
  });

  it("checks retention (1–365 days)", () => {
    for (const [days, ok] of [[0, false], [1, true], [365, true], [366, false]] as const) {
      const d = design([node("eventsv2-bus", "bus", { retentionDays: days }), node("subscriber", "s"), node("sqs", "q")], [["bus", "s"], ["s", "q"]]);
      expect(codes(d).includes("out-of-range@bus:retentionDays"), `${days} days`).toBe(!ok);
    }
  });

  it("checks the retry policy's ranges", () => {
    expect(codes(flow({ retryPolicy: { maxEventAgeInSeconds: 59, maxRetryAttempts: 186 } }))).toEqual([
      "out-of-range@sub:retryPolicy.maxEventAgeInSeconds",
      "out-of-range@sub:retryPolicy.maxRetryAttempts",
    ]);
    expect(validateDesign(flow({ retryPolicy: { maxEventAgeInSeconds: 86_400, maxRetryAttempts: 0 } }))).toEqual([]);
  });

  it("accepts only an SQS queue as dead-letter destination", () => {
    expect(validateDesign(flow({ deadLetterQueueArn: "arn:aws:sqs:us-east-1:123456789012:dlq.fifo" }))).toEqual([]);
    const [problem] = validateDesign(flow({ deadLetterQueueArn: "arn:aws:sns:us-east-1:123456789012:topic" }));
    expect(problem).toMatchObject({ code: "invalid-arn", field: "deadLetterQueueArn" });
    expect(problem?.message).toContain("only to an SQS queue");
  });

  it("checks each scope's filter with its profile, the offset pointing at the leaf", () => {
    const data = '{"detail":{"key":[{"wildcard":"a*"}]}}';
    const problems = validateDesign(flow({ filters: { DATA: data, METADATA: '{"tenant":[{"prefix":"a"}]}', SYSTEM_METADATA: '{"aws:DeliveryType":["REPLAY"]}' } }));
    expect(problems.map((p) => [p.code, p.field, p.message])).toEqual([
      ["invalid-filter-pattern", "filters.DATA", "DATA filter: detail.key: the wildcard operator is not supported in subscriber filters"],
      ["invalid-filter-pattern", "filters.METADATA", "METADATA filter: tenant: the prefix operator is not supported in a METADATA filter, which matches exact values only"],
    ]);
    expect(problems[0]?.offset).toBe(data.indexOf("[{"));
  });

  it("allows a filter up to 4,096 characters", () => {
    const pattern = (length: number) => `{"detail":{"id":["${"x".repeat(length - 22)}"]}}`;
    expect(pattern(4096)).toHaveLength(4096);
    expect(validateDesign(flow({ filters: { DATA: pattern(4096) } }))).toEqual([]);
    expect(codes(flow({ filters: { DATA: pattern(4097) } }))).toEqual(["text-too-long@sub:filters.DATA"]);
  });

  it("checks a JSONata transform's delimiters and its 8,192 characters", () => {
    expect(validateDesign(flow({ transform: { type: "JSONATA", expression: '{% { "orderId": $events.Data.orderId } %}' } }))).toEqual([]);
    expect(codes(flow({ transform: { type: "JSONATA", expression: "$events.Data" } }))).toEqual(["invalid-transform@sub:transform.expression"]);
    const long = `{% "${"x".repeat(8192)}" %}`;
    expect(codes(flow({ transform: { type: "JSONATA", expression: long } }))).toEqual(["text-too-long@sub:transform.expression"]);
  });

  it("lets a subscriber deliver to a Classic bus with the RAW transform only", () => {
    const classic = design(
      [node("eventsv2-bus", "bus"), node("subscriber", "sub", { transform: { type: "WITH_METADATA" } }), node("event-bus-target", "fwd"), node("event-bus", "classic")],
      [["bus", "sub"], ["sub", "fwd"], ["fwd", "classic"]],
    );
    expect(validateDesign(classic).map((p) => [p.code, p.message])).toEqual([
      ["invalid-transform", "A subscriber whose target is a Custom Event Bus – Classic takes the RAW transform only, not WITH_METADATA"],
    ]);
  });

  it("wants exactly one bus and one target per subscriber", () => {
    expect(codes(design([node("subscriber", "sub"), node("sqs", "q")], [["sub", "q"]]))).toEqual(["subscriber-without-bus@sub:"]);
    expect(codes(design([node("eventsv2-bus", "bus"), node("subscriber", "sub")], [["bus", "sub"]]))).toEqual(["subscriber-without-target@sub:"]);
    expect(codes(flow({}, [node("sqs", "q2")], [["sub", "q2"]]))).toEqual(["too-many-subscriber-targets@sub:"]);
  });

  it("refuses two subscribers of one bus with the same name", () => {
    const d = flow({}, [node("subscriber", "sub2", { name: "big" }), node("sqs", "q2")], [["bus", "sub2"], ["sub2", "q2"]]);
    expect(codes(d)).toEqual(["duplicate-subscriber-name@sub2:name"]);
  });

  it("never connects a rule to the new bus, nor a subscriber to a Classic bus", () => {
    const d = flow();
    d.nodes.push(node("rule", "r"), node("event-bus", "classic"));
    d.edges.push({ id: "x1", kind: "feeds", source: "bus", target: "r" }, { id: "x2", kind: "subscribes", source: "classic", target: "sub" });
    expect(codes(d)).toEqual(expect.arrayContaining(["invalid-connection@r:", "invalid-connection@sub:"]));
  });

  it("checks an event source: one bus, an AWS service name, an SQS dead-letter queue", () => {
    const source = node("eventsv2-source", "src", { config: { type: "aws-service", awsService: "s3" }, deadLetterQueueArn: "arn:aws:lambda:us-east-1:123456789012:function:f" });
    const d = flow({}, [source], [["src", "bus"]]);
    expect(codes(d)).toEqual(["invalid-source@src:config.awsService", "invalid-arn@src:deadLetterQueueArn"]);
    expect(codes(design([node("eventsv2-source", "lonely")]))).toEqual(["unconnected-node@lonely:", "source-without-bus@lonely:"]);
  });

  it("warns past the account quotas: 5 buses, 200 event sources", () => {
    const buses = Array.from({ length: 6 }, (_, i) => node("eventsv2-bus", `b${i}`));
    expect(codes(design(buses)).filter((c) => c.startsWith("quota"))).toEqual(["quota-exceeded@b5:"]);
    const sources = Array.from({ length: 201 }, (_, i) => node("eventsv2-source", `s${i}`));
    const d = design([node("eventsv2-bus", "bus"), ...sources], sources.map((s) => [s.id, "bus"] as [string, string]));
    expect(validateDesign(d).filter((p) => p.code === "quota-exceeded").map((p) => p.nodeId)).toEqual(["s200"]);
  });

  it("warns past 10,000 subscribers on one bus", () => {
    const subscribers = Array.from({ length: 10_001 }, (_, i) => node("subscriber", `s${i}`, { name: `s${i}` }));
    const d = design([node("eventsv2-bus", "bus"), ...subscribers], subscribers.map((s) => ["bus", s.id] as [string, string]));
    expect(validateDesign(d).filter((p) => p.code === "quota-exceeded").map((p) => p.message)).toEqual(["Bus bus-bus has 10001 subscribers; the quota is 10,000 per bus"]);
  });
});
