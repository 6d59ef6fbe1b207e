/**
 * AWS failures through the app's own SDK clients (lib/aws/connection: adaptive retry, bounded
 * attempts) against a loopback server that answers like AWS: throttling is retried with backoff
 * and succeeds when AWS relents, and when it does not, the message says it was retried; an
 * access-denied answer names the action.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ListEventBusesCommand, PutRuleCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventBridgeClientFor, MAX_ATTEMPTS } from "./connection";
import { describeAwsError, sendAws } from "./errors";

let server: http.Server;
let endpoint: string;
/** Answers left to throttle before answering normally (Infinity: always). */
let throttleLeft = 0;
const seen: number[] = [];

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      seen.push(Date.now());
      const target = String(req.headers["x-amz-target"] ?? "");
      const send = (status: number, body: object) => {
        res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify(body));
      };
      if (target === "AWSEvents.PutRule") {
        return send(400, {
          __type: "AccessDeniedException",
          message: "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: events:PutRule on resource: arn:aws:events:us-east-1:123456789012:rule/r",
        });
      }
      if (throttleLeft > 0) {
        throttleLeft--;
        return send(400, { __type: "ThrottlingException", message: "Rate exceeded" });
      }
      send(200, { EventBuses: [{ Name: "default", Arn: "arn:aws:events:us-east-1:123456789012:event-bus/default" }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("AWS errors through the app's clients", () => {
  it("retries throttling with growing delays and succeeds once AWS relents", async () => {
    const client = eventBridgeClientFor({ region: "us-east-1", endpoint });
    seen.length = 0;
    throttleLeft = 2;
    const answer = await sendAws(client, new ListEventBusesCommand({}), { endpoint });
    client.destroy();
    expect(answer.EventBuses?.[0].Name).toBe("default");
    expect(seen).toHaveLength(3);
  }, 30_000);

  it("says throttling was retried with backoff when every attempt is throttled", async () => {
    const client = eventBridgeClientFor({ region: "us-east-1", endpoint });
    seen.length = 0;
    throttleLeft = Number.POSITIVE_INFINITY;
    const failure = await sendAws(client, new ListEventBusesCommand({}), { endpoint }).catch((e: unknown) => e);
    client.destroy();
    throttleLeft = 0;
    expect(seen).toHaveLength(MAX_ATTEMPTS);
    // Backoff: the attempts are spread out, not fired back to back.
    expect(seen[seen.length - 1] - seen[0]).toBeGreaterThan(100);
    const described = describeAwsError(failure);
    expect(described.code).toBe("aws_throttled");
    expect(described.message).toContain(`retried with exponential backoff (${MAX_ATTEMPTS} attempts)`);
    expect(described.message).toContain("events:ListEventBuses");
  }, 60_000);

  it("names the action an access-denied answer refuses, without the keys in use", async () => {
    const client = eventBridgeClientFor({ region: "us-east-1", endpoint });
    const failure = await sendAws(client, new PutRuleCommand({ Name: "r", EventPattern: "{}" }), { endpoint }).catch((e: unknown) => e);
    client.destroy();
    const described = describeAwsError(failure);
    expect(described).toMatchObject({ code: "aws_access_denied", action: "events:PutRule", status: 403 });
    expect(described.message).toContain("arn:aws:events:us-east-1:123456789012:rule/r");
    expect(JSON.stringify(described)).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(JSON.stringify(described)).not.toContain("wJalrXUtnFEMI");
  });
});
