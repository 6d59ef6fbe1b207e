/**
 * The /api/aws/* route handlers end to end, without a browser: settings saved in a fresh
 * database, "test connection" through STS, an NDJSON import, a plan and an NDJSON apply, all
 * against the local EventBridge through the real SDK.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeRuleCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Design } from "@/lib/graph";
import type { TestEndpoint } from "../emulator/test-endpoint";
import type { FingerprintedPlan as Plan } from "./workflow";
import { newBusClientMissing } from "./new-bus-client";

// lib/env reads DATABASE_URL once at import: point it at a fresh SQLite file before loading.
const dir = mkdtempSync(join(tmpdir(), "switchyard-aws-routes-"));
process.env.DATABASE_URL = `file:${join(dir, "app.db")}`;
process.env.AWS_ACCESS_KEY_ID = "test";
process.env.AWS_SECRET_ACCESS_KEY = "very-secret-key";
// Profiles come from these files only (never the machine's own).
process.env.AWS_CONFIG_FILE = join(dir, "config");
process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, "credentials");
writeFileSync(
  process.env.AWS_CONFIG_FILE,
  "[default]\nregion = us-east-1\n[profile team]\nregion = eu-west-1\n[sso-session corp]\nsso_region = eu-west-1\n[services local]\nevents =\n  endpoint_url = http://127.0.0.1:1\n",
);
writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, "[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = do-not-leak\n");
delete process.env.AWS_REGION;
delete process.env.AWS_DEFAULT_REGION;
delete process.env.AWS_PROFILE;

let endpoint: TestEndpoint;
let client: EventBridgeClient;
let connectionRoute: typeof import("@/app/api/aws/connection/route");
let closeDb: () => Promise<void>;

const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

async function ndjson(response: Response): Promise<Record<string, unknown>[]> {
  expect(response.headers.get("content-type")).toMatch(/ndjson/);
  const text = await response.text();
  return text.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  const { startTestEndpoint } = await import("../emulator/test-endpoint");
  endpoint = await startTestEndpoint();
  client = endpoint.eventBridgeClient();
  await client.send(new PutRuleCommand({ Name: "orders", EventPattern: '{"source":["shop"]}' }));
  await client.send(new PutTargetsCommand({ Rule: "orders", Targets: [{ Id: "bill", Arn: "arn:aws:lambda:us-east-1:000000000000:function:bill" }] }));
  connectionRoute = await import("@/app/api/aws/connection/route");
  ({ closeDb } = await import("@/lib/db"));
}, 30_000);

afterAll(async () => {
  client.destroy();
  await endpoint.close();
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});

describe("/api/aws/connection", () => {
  it("answers no settings and the profile names (never their keys) before anything is saved", async () => {
    const response = await connectionRoute.GET();
    const body = (await response.json()) as Record<string, unknown>;
    // Whether the Custom Event Bus's SDK client is installed, and why not (lib/aws/new-bus-client.ts).
    const missing = newBusClientMissing();
    expect(body).toEqual({ settings: null, source: null, profiles: ["default", "ci", "team"], newBus: missing === undefined ? { available: true } : { available: false, reason: missing } });
    expect(JSON.stringify(body)).not.toMatch(/AKIDCI|do-not-leak/);
  });

  it("refuses bad settings field by field, and any extra field such as a secret", async () => {
    const response = await connectionRoute.PUT(new Request("http://x/api/aws/connection", { ...json({ region: "Mars", endpoint: "ftp://x", secretAccessKey: "s" }), method: "PUT" }));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { issues: { path: string }[] } };
    expect(error.issues.map((i) => i.path).sort()).toEqual(["(body)", "endpoint", "region"]);
  });

  it("saves region, profile and endpoint, and reads them back without credentials", async () => {
    const put = await connectionRoute.PUT(new Request("http://x/api/aws/connection", { ...json({ region: "us-east-1", profile: "", endpoint: endpoint.url }), method: "PUT" }));
    expect(await put.json()).toEqual({ settings: { region: "us-east-1", endpoint: endpoint.url }, source: "saved" });
    const body = (await (await connectionRoute.GET()).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ settings: { region: "us-east-1", endpoint: endpoint.url }, source: "saved" });
    expect(JSON.stringify(body)).not.toMatch(/very-secret-key|do-not-leak/);
  });

  it("forgets saved settings, falling back to the environment's", async () => {
    process.env.AWS_REGION = "eu-central-1";
    try {
      const forgotten = await connectionRoute.DELETE();
      expect(await forgotten.json()).toEqual({ settings: { region: "eu-central-1" }, source: "environment" });
    } finally {
      delete process.env.AWS_REGION;
    }
    await connectionRoute.PUT(new Request("http://x/api/aws/connection", { ...json({ region: "us-east-1", endpoint: endpoint.url }), method: "PUT" }));
  });

  it("tests the connection with STS GetCallerIdentity", async () => {
    const { POST } = await import("@/app/api/aws/connection/test/route");
    const response = await POST(new Request("http://x/api/aws/connection/test", { method: "POST" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ account: "000000000000", arn: expect.stringMatching(/^arn:aws:iam::000000000000:/) });
  });

  it("tests unsaved settings only against an endpoint the saved ones could have: no signed request leaves for another", async () => {
    const { POST } = await import("@/app/api/aws/connection/test/route");
    for (const endpointUrl of ["https://abc123.execute-api.us-east-1.amazonaws.com", "http://169.254.169.254", "https://attacker.example"]) {
      const response = await POST(new Request("http://x/api/aws/connection/test", json({ region: "us-east-1", endpoint: endpointUrl })));
      expect(response.status, endpointUrl).toBe(422);
      expect((await response.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(["endpoint"]);
    }
  });

  it("reports an unreachable endpoint as a clear error", async () => {
    const { POST } = await import("@/app/api/aws/connection/test/route");
    const response = await POST(new Request("http://x/api/aws/connection/test", json({ region: "us-east-1", endpoint: "http://127.0.0.1:9" })));
    expect(response.status).toBeGreaterThanOrEqual(400);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toMatch(/127\.0\.0\.1:9/);
  });
});

describe("/api/aws/import, plan, apply", () => {
  let designId: string;

  it("streams import progress and ends with a saved design", async () => {
    const { POST } = await import("@/app/api/aws/import/route");
    const lines = await ndjson(await POST(new Request("http://x/api/aws/import", json({ name: "From AWS" }))));
    expect(lines.slice(0, -1).every((l) => l.type === "progress")).toBe(true);
    expect(lines.length).toBeGreaterThan(2);
    const done = lines.at(-1)!;
    expect(done).toMatchObject({ type: "done", design: { name: "From AWS", version: 1 }, warnings: [] });
    designId = (done.design as { id: string }).id;
  });

  it("refuses an import request with unknown fields before streaming", async () => {
    const { POST } = await import("@/app/api/aws/import/route");
    const response = await POST(new Request("http://x/api/aws/import", json({ everything: true })));
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatchObject({ code: "validation" });
  });

  it("plans an edited pattern and applies it step by step", async () => {
    const { getDesign, updateDesign } = await import("@/lib/designs/repository");
    const record = await getDesign(designId);
    const edited: Design = {
      ...record.graph,
      nodes: record.graph.nodes.map((n) => (n.kind === "rule" && n.name === "orders" ? { ...n, trigger: { type: "pattern" as const, pattern: '{"source":["shop"],"detail-type":["Paid"]}' } } : n)),
    };
    await updateDesign(designId, { version: record.version, graph: edited });

    const planRoute = await import("@/app/api/aws/plan/route");
    const planned = (await (await planRoute.POST(new Request("http://x/api/aws/plan", json({ designId })))).json()) as { plan: Plan };
    expect(planned.plan.changes.map((c) => `${c.action} ${c.resource} ${c.label}`)).toEqual(["update rule default/orders"]);
    // The Custom Event Bus part says why it is left out while its SDK client is not installed.
    if (newBusClientMissing() !== undefined) {
      expect(planned.plan.newBus).toEqual({ available: false, reason: expect.stringMatching(/^@aws-sdk\/client-eventbridgev2 is not installed/), designHasNewBus: false });
    }

    const applyRoute = await import("@/app/api/aws/apply/route");
    // A plan other than the one confirmed is refused before anything is applied.
    const stale = await ndjson(await applyRoute.POST(new Request("http://x/api/aws/apply", json({ designId, fingerprint: "not-this-plan" }))));
    expect(stale).toEqual([{ type: "error", error: expect.objectContaining({ code: "conflict", message: expect.stringMatching(/review the new plan/) }) }]);
    const lines = await ndjson(await applyRoute.POST(new Request("http://x/api/aws/apply", json({ designId, fingerprint: planned.plan.fingerprint }))));
    expect(lines.map((l) => l.type)).toEqual(["plan", "step", "done"]);
    expect(lines[1]).toMatchObject({ ok: true, index: 0, change: { label: "default/orders" } });
    expect(lines[2]).toEqual({ type: "done", applied: 1, failed: null, notApplied: [], newBus: null });
    const rule = await client.send(new DescribeRuleCommand({ Name: "orders" }));
    expect(JSON.parse(rule.EventPattern ?? "")).toEqual({ source: ["shop"], "detail-type": ["Paid"] });

    const again = (await (await planRoute.POST(new Request("http://x/api/aws/plan", json({ designId })))).json()) as { plan: Plan };
    expect(again.plan.changes).toEqual([]);
  });

  it("refuses to apply a design with validation errors, and says which", async () => {
    const { getDesign, updateDesign } = await import("@/lib/designs/repository");
    const record = await getDesign(designId);
    const broken: Design = { ...record.graph, nodes: record.graph.nodes.map((n) => (n.kind === "rule" ? { ...n, trigger: { type: "pattern" as const, pattern: '{"source":"shop"}' } } : n)) };
    await updateDesign(designId, { version: record.version, graph: broken });
    const planRoute = await import("@/app/api/aws/plan/route");
    const planned = (await (await planRoute.POST(new Request("http://x/api/aws/plan", json({ designId })))).json()) as { plan: Plan };
    expect(planned.plan.problems.map((p) => p.code)).toEqual(["invalid-pattern"]);
    const applyRoute = await import("@/app/api/aws/apply/route");
    const lines = await ndjson(await applyRoute.POST(new Request("http://x/api/aws/apply", json({ designId, fingerprint: planned.plan.fingerprint }))));
    expect(lines).toEqual([{ type: "error", error: expect.objectContaining({ code: "validation", message: expect.stringMatching(/^The design has 1 error to fix before it can be applied: Event pattern is not valid/) }) }]);
    const rule = await client.send(new DescribeRuleCommand({ Name: "orders" }));
    expect(JSON.parse(rule.EventPattern ?? "")).toEqual({ source: ["shop"], "detail-type": ["Paid"] });
  });

  it("applies only a reviewed plan: without its fingerprint nothing runs, and deleting unmanaged resources needs a plan that showed it", async () => {
    await client.send(new PutRuleCommand({ Name: "stray", EventPattern: '{"source":["elsewhere"]}' }));
    const { getDesign, updateDesign } = await import("@/lib/designs/repository");
    const record = await getDesign(designId);
    const fixed: Design = { ...record.graph, nodes: record.graph.nodes.map((n) => (n.kind === "rule" ? { ...n, trigger: { type: "pattern" as const, pattern: '{"source":["shop"],"detail-type":["Paid"]}' } } : n)) };
    await updateDesign(designId, { version: record.version, graph: fixed });
    const applyRoute = await import("@/app/api/aws/apply/route");
    const unreviewed = await applyRoute.POST(new Request("http://x/api/aws/apply", json({ designId, deleteUnmanaged: ["default"] })));
    expect(unreviewed.status).toBe(422);
    expect((await unreviewed.json()).error).toMatchObject({ code: "validation", issues: [{ path: "fingerprint", message: expect.stringMatching(/apply runs only the plan you reviewed/) }] });

    const planRoute = await import("@/app/api/aws/plan/route");
    const kept = (await (await planRoute.POST(new Request("http://x/api/aws/plan", json({ designId })))).json()) as { plan: Plan };
    expect(kept.plan.changes).toEqual([]);
    const widened = await ndjson(await applyRoute.POST(new Request("http://x/api/aws/apply", json({ designId, deleteUnmanaged: ["default"], fingerprint: kept.plan.fingerprint }))));
    expect(widened).toEqual([{ type: "error", error: expect.objectContaining({ code: "conflict" }) }]);
    expect((await client.send(new DescribeRuleCommand({ Name: "stray" }))).Name).toBe("stray");

    const deleting = (await (await planRoute.POST(new Request("http://x/api/aws/plan", json({ designId, deleteUnmanaged: ["default"] })))).json()) as { plan: Plan };
    expect(deleting.plan.changes.map((c) => `${c.action} ${c.resource} ${c.label}`)).toEqual(["delete rule default/stray"]);
    const applied = await ndjson(await applyRoute.POST(new Request("http://x/api/aws/apply", json({ designId, deleteUnmanaged: ["default"], fingerprint: deleting.plan.fingerprint }))));
    expect(applied.at(-1)).toEqual({ type: "done", applied: 1, failed: null, notApplied: [], newBus: null });
  });

  it("answers 404 for a design that does not exist", async () => {
    const planRoute = await import("@/app/api/aws/plan/route");
    const response = await planRoute.POST(new Request("http://x/api/aws/plan", json({ designId: "dsn_nope" })));
    expect(response.status).toBe(404);
  });
});
