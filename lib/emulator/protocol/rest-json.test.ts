/**
 * The restJson1 layer driven by the real `@aws-sdk/client-scheduler`: routes by method and path
 * template, input gathered from labels, query and body, the model check, AWS's error shape and
 * statuses, and SigV4 over a path with an escaped ARN and a repeated query parameter. The
 * operations here only echo what reached them: what they do is the services' own tests' concern.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
  UntagResourceCommand,
} from "@aws-sdk/client-scheduler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEDULER_MODEL } from "../scheduler/model";
import { notFound } from "./errors";
import { answerRestJson, findRoute, type RestJsonCall } from "./rest-json";

const KEYS = new Map([["LOCALKEY", "local-secret"]]);
let calls: RestJsonCall[] = [];
let server: http.Server;
let url: string;

/** Answers GetSchedule with what arrived; "missing" is not found. */
async function echo(call: RestJsonCall): Promise<Record<string, unknown>> {
  calls.push(call);
  const input = call.params.verbatim();
  if (input.Name === "missing") throw notFound(`Schedule missing does not exist.`);
  if (call.operation === "GetSchedule") return { Name: input.Name, GroupName: input.GroupName ?? "default", Arn: `arn:aws:scheduler:us-east-1:000000000000:schedule/x/${String(input.Name)}` };
  return {};
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const body = chunks.length === 0 || req.method === "GET" ? undefined : Buffer.concat(chunks);
      const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers, body });
      void answerRestJson(SCHEDULER_MODEL, request, echo, KEYS).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (secretAccessKey = "local-secret") =>
  new SchedulerClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "LOCALKEY", secretAccessKey }, maxAttempts: 1 });

describe("answerRestJson", () => {
  it("routes by method and path and gathers labels and query parameters under their member names", async () => {
    calls = [];
    const got = await client().send(new GetScheduleCommand({ Name: "nightly.report-1", GroupName: "reports" }));
    expect(got).toMatchObject({ Name: "nightly.report-1", GroupName: "reports" });
    await client().send(new ListSchedulesCommand({ GroupName: "reports", MaxResults: 5, NamePrefix: "night", State: "ENABLED" }));
    expect(calls.map((c) => [c.operation, c.params.verbatim()])).toEqual([
      ["GetSchedule", { Name: "nightly.report-1", GroupName: "reports" }],
      // ListSchedules sends GroupName as the query parameter ScheduleGroup and MaxResults as text.
      ["ListSchedules", { GroupName: "reports", MaxResults: 5, NamePrefix: "night", State: "ENABLED" }],
    ]);
    expect(calls[0].accessKeyId).toBe("LOCALKEY");
  });

  it("verifies the signature of an escaped ARN label and a repeated query parameter", async () => {
    calls = [];
    const arn = "arn:aws:scheduler:us-east-1:000000000000:schedule-group/reports";
    await client().send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["team", "cost center"] }));
    expect(calls[0].params.verbatim()).toEqual({ ResourceArn: arn, TagKeys: ["team", "cost center"] });
    await expect(client("wrong").send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["team"] }))).rejects.toMatchObject({
      name: "InvalidSignatureException",
    });
  });

  // https://docs.aws.amazon.com/scheduler/latest/APIReference/CommonErrors.html: errors carry
  // their own status (ResourceNotFoundException 404, ValidationException 400).
  it("answers AWS's error shape with the status the model gives each error", async () => {
    await expect(client().send(new GetScheduleCommand({ Name: "missing" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "Schedule missing does not exist.",
      $metadata: { httpStatusCode: 404 },
    });
    const invalid = client().send(
      new CreateScheduleCommand({
        Name: "bad name!",
        ScheduleExpression: "rate(1 hour)",
        FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 2000 },
        Target: { Arn: "arn:aws:sqs:us-east-1:000000000000:q", RoleArn: "arn:aws:iam::000000000000:role/r" },
      }),
    );
    await expect(invalid).rejects.toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
    // In the model's member order, as AWS lists them.
    await expect(invalid).rejects.toThrow(
      "2 validation errors detected: Value '2000' at 'flexibleTimeWindow.maximumWindowInMinutes' failed to satisfy constraint: Member must have value less than or equal to 1440; " +
        "Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$",
    );
  });

  it("names a path it does not serve, and a known path called with another method", async () => {
    const signed = { authorization: "unchecked" };
    const unknown = await answerRestJson(SCHEDULER_MODEL, new Request(`${url}/nowhere`, { headers: signed }), echo);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    expect(() => findRoute(SCHEDULER_MODEL, "PATCH", "/schedules/x")).toThrow("The local scheduler endpoint has no PATCH operation on /schedules/x.");
    expect(findRoute(SCHEDULER_MODEL, "DELETE", "/schedule-groups/a%20b")).toMatchObject({ operation: "DeleteScheduleGroup", labels: { Name: "a b" } });
  });
});
