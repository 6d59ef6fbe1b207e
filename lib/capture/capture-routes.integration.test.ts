/**
 * The capture routes as the browser uses them, against the local endpoint as "AWS" (through the
 * connection from the environment) and the app's own database as Switchyard's archive: list
 * archives, estimate, refuse without consent, start, poll to the end, cancel; errors are clear.
 */
import { rmSync } from "node:fs";
import { CreateArchiveCommand, CreateEventBusCommand, EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "@/lib/emulator/test-endpoint";

// Switchyard's own database for this file, set before any import reads lib/env (hoisted).
const appDb = vi.hoisted(() => {
  const file = `${process.env.TMPDIR ?? "/tmp"}/switchyard-capture-routes-${process.pid}-${Date.now()}.db`;
  process.env.DATABASE_URL = `file:${file}`;
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  process.env.AWS_REGION = "us-east-1";
  return file;
});

let aws: TestEndpoint;
let events: EventBridgeClient;
let eventIds: string[] = [];
const from = new Date(Date.now() - 60 * 60_000).toISOString();
const to = new Date(Date.now() - 10 * 60_000).toISOString();

const post = (body: unknown) => new Request("http://127.0.0.1/api", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  aws = await startTestEndpoint();
  process.env.SWITCHYARD_AWS_ENDPOINT = aws.url;
  events = aws.eventBridgeClient();
  await events.send(new CreateEventBusCommand({ Name: "shop" }));
  await events.send(new CreateArchiveCommand({ ArchiveName: "shop-all", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/shop" }));
  const put = await events.send(
    new PutEventsCommand({
      Entries: [20, 30, 40].map((minutes) => ({ EventBusName: "shop", Source: "shop", DetailType: "Sold", Time: new Date(Date.now() - minutes * 60_000), Detail: `{"m":${minutes}}` })),
    }),
  );
  eventIds = put.Entries!.map((e) => e.EventId!);
}, 30_000);

afterAll(async () => {
  events.destroy();
  const { stopBusRuntime } = await import("@/lib/emulator/runtime");
  await stopBusRuntime();
  await aws.close();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${appDb}${suffix}`, { force: true });
});

describe("capture routes", () => {
  it("lists the account's archives and estimates a window's cost", async () => {
    const { GET } = await import("@/app/api/aws/capture/archives/route");
    const listed = await (await GET()).json();
    expect(listed.archives).toEqual([
      expect.objectContaining({ name: "shop-all", busName: "shop", state: "ENABLED", eventCount: 3, retentionDays: 0 }),
    ]);
    const estimateRoute = await import("@/app/api/aws/capture/estimate/route");
    const response = await estimateRoute.POST(post({ archiveName: "shop-all", from, to }));
    expect(response.status).toBe(200);
    const estimate = await response.json();
    expect(estimate).toMatchObject({ maxEvents: 3, busName: "shop" });
    expect(estimate.costText).toMatch(/up to 3 events/);
  });

  it("answers a missing archive's estimate with a clear 404", async () => {
    const { POST } = await import("@/app/api/aws/capture/estimate/route");
    const response = await POST(post({ archiveName: "nope", from, to }));
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.error.code).toBe("aws_not_found");
    expect(body.error.message).toContain("nope");
  });

  it("refuses to start without consent (400), and names bad fields (422)", async () => {
    const { POST } = await import("@/app/api/aws/capture/route");
    const without = await POST(post({ kind: "archive", archiveName: "shop-all", from, to }));
    expect(without.status).toBe(400);
    expect((await without.json()).error.code).toBe("consent_required");
    const declined = await POST(post({ kind: "archive", archiveName: "shop-all", from, to, consent: false }));
    expect(declined.status).toBe(400);
    const bad = await POST(post({ kind: "archive", archiveName: "shop-all", from: "yesterday", to, consent: true }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(["from"]);
  });

  it("runs a consented capture as a job to completion, into the app's archive", async () => {
    const { POST } = await import("@/app/api/aws/capture/route");
    const started = await POST(post({ kind: "archive", archiveName: "shop-all", from, to, consent: true }));
    expect(started.status).toBe(202);
    const { job } = await started.json();
    expect(job.status).toBe("running");

    const jobRoute = await import("@/app/api/aws/capture/[id]/route");
    let view = job;
    const deadline = Date.now() + 20_000;
    while (view.status === "running" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      view = (await (await jobRoute.GET(new Request("http://127.0.0.1/"), params(job.id))).json()).job;
    }
    expect(view.status).toBe("completed");
    expect(view.result).toMatchObject({ stored: 3, duplicates: 0, storedEventCount: 3, cleanup: { failed: [] } });
    expect(view.progress.phase).toBe("done");

    const { getBusRuntime } = await import("@/lib/emulator/runtime");
    const runtime = await getBusRuntime();
    const stored = await runtime.db.busEvent.findMany({ where: { busArn: "arn:aws:events:us-east-1:000000000000:event-bus/shop" } });
    expect(stored.map((e) => e.eventId).sort()).toEqual([...eventIds].sort());
  }, 30_000);

  it("cancels a running job, and answers 404 for an unknown one", async () => {
    const { POST } = await import("@/app/api/aws/capture/route");
    const started = await POST(post({ kind: "live", busName: "shop", durationSeconds: 600, consent: true }));
    const { job } = await started.json();
    const cancelRoute = await import("@/app/api/aws/capture/[id]/cancel/route");
    await new Promise((r) => setTimeout(r, 300));
    expect((await cancelRoute.POST(new Request("http://127.0.0.1/"), params(job.id))).status).toBe(200);
    const jobRoute = await import("@/app/api/aws/capture/[id]/route");
    let view = job;
    const deadline = Date.now() + 10_000;
    while (view.status === "running" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await (await jobRoute.GET(new Request("http://127.0.0.1/"), params(job.id))).json()).job;
    }
    expect(view.status).toBe("cancelled");
    expect(view.result.cleanup.failed).toEqual([]);
    expect((await cancelRoute.POST(new Request("http://127.0.0.1/"), params("no-such-job"))).status).toBe(404);
  }, 20_000);
});

describe("the dev server's SQS and STS routes", () => {
  it("answer the same protocols as npm start, from the app's runtime", async () => {
    const sqsRoute = await import("@/app/api/emulator/sqs/route");
    const created = await sqsRoute.POST(
      new Request("http://127.0.0.1:3000/", {
        method: "POST",
        headers: { host: "127.0.0.1:3000", "x-amz-target": "AmazonSQS.CreateQueue", "content-type": "application/x-amz-json-1.0" },
        body: JSON.stringify({ QueueName: "dev-queue" }),
      }),
    );
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({ QueueUrl: "http://127.0.0.1:3000/000000000000/dev-queue" });
    const stsRoute = await import("@/app/api/emulator/sts/route");
    const who = await stsRoute.POST(
      new Request("http://127.0.0.1:3000/", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "Action=GetCallerIdentity&Version=2011-06-15",
      }),
    );
    expect(who.status).toBe(200);
    expect(await who.text()).toContain("<Account>000000000000</Account>");
  });
});

