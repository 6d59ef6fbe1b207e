/**
 * "Verify with AWS" and the exported expectation tests against the local EventBridge, through the
 * real AWS SDK (no mocks): the local bus answers TestEventPattern as AWS does.
 */
import * as eventBridgeSdk from "@aws-sdk/client-eventbridge";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "@/lib/emulator/test-endpoint";
import { catalogueEvents, catalogueGroupEvents } from "./catalogue";
import { evaluateLab } from "./evaluate";
import { exportExpectationsAsTest } from "./expectations";
import { paymentsDesign, runJestFile } from "./test-fixtures";
import { verifyWithAws } from "./verify";

let endpoint: TestEndpoint;
let client: EventBridgeClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  client = endpoint.eventBridgeClient();
}, 30_000);

afterAll(async () => {
  client?.destroy();
  await endpoint?.close();
});

const PAYMENTS = '{"source": ["demo.payments"], "detail": {"total_cost": [{"numeric": [">", 200]}]}}';

describe("verifyWithAws", () => {
  it("agrees with the lab on every catalogue event", async () => {
    const events = catalogueEvents(40);
    const local = evaluateLab(PAYMENTS, events).results!;
    const verification = await verifyWithAws(client, PAYMENTS, events, local, { concurrency: 4 });
    expect(verification).toEqual({ patternError: undefined, checked: 40, agreements: 40, disagreements: [], errors: [] });
  });

  it("reports every disagreement with a local verdict, and events AWS refuses", async () => {
    const events = [...catalogueGroupEvents("starter-reward-big-payments"), { id: "no-envelope", name: "x", text: '{"source": "demo.payments"}', origin: "pasted" as const }];
    const local = evaluateLab(PAYMENTS, events).results!.map((r) => (r.eventId === "small-payment" ? { ...r, matched: true } : r));
    const verification = await verifyWithAws(client, PAYMENTS, events, local);
    expect(verification.checked).toBe(4);
    expect(verification.agreements).toBe(3);
    expect(verification.disagreements).toEqual([{ eventId: "small-payment", local: "match", aws: "no-match" }]);
    // The lab found the envelope-less event invalid, and so did the API: that is agreement.
    expect(verification.errors).toEqual([]);
  });

  it("returns AWS's reason for an invalid pattern without testing events", async () => {
    const verification = await verifyWithAws(client, '{"detail": {"n": [{"numeric": [">", "x"]}]}}', catalogueEvents(3), []);
    expect(verification.patternError).toMatch(/^Event pattern is not valid\. Reason: /);
    expect(verification.checked).toBe(0);
  });

  it("reports calls that fail for other reasons per event", async () => {
    const unreachable = new EventBridgeClient({ endpoint: "http://127.0.0.1:9", region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1 });
    const events = catalogueEvents(2);
    const verification = await verifyWithAws(unreachable, PAYMENTS, events, evaluateLab(PAYMENTS, events).results!);
    unreachable.destroy();
    expect(verification.errors.map((e) => e.eventId)).toEqual(["catalogue-1", "catalogue-2"]);
    expect(verification.checked).toBe(0);
  });
});

describe("exported expectation tests", () => {
  it("pass against the local EventBridge through the real SDK, and fail for a broken expectation", async () => {
    const saved = { region: process.env.AWS_REGION, key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
    try {
      const env = { EVENTBRIDGE_ENDPOINT: endpoint.url };
      const good = await runJestFile(exportExpectationsAsTest(paymentsDesign(), "jest"), eventBridgeSdk, env);
      expect(good.map((r) => [r.passed, r.error])).toEqual(Array.from({ length: 6 }, () => [true, undefined]));
      const broken = exportExpectationsAsTest(paymentsDesign({ rewardsPattern: PAYMENTS.replace("200", "100") }), "jest");
      const results = await runJestFile(broken, eventBridgeSdk, env);
      expect(results.filter((r) => !r.passed)).toEqual([{ name: 'rule payment-processed: "Payment Processed, total 150" should not match', passed: false, error: "expected false, got true" }]);
    } finally {
      for (const [name, value] of [["AWS_REGION", saved.region], ["AWS_ACCESS_KEY_ID", saved.key], ["AWS_SECRET_ACCESS_KEY", saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }, 30_000);
});
