/**
 * The boundary as an attacker meets it, in Chromium: a page served from another loopback origin
 * (another port of 127.0.0.1, so the same site) tries every request a web page can make, and a
 * page reached under a foreign name that resolves to 127.0.0.1 (DNS rebinding, simulated with
 * Chromium's --host-resolver-rules) tries the same from what the browser takes for the app's own
 * origin. Neither may create, change, delete or read anything, start a capture or apply; the
 * app's own pages keep working.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, expect, test, type APIRequestContext } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./chromium";
import { createDesignFromList } from "./editor";

let attacker: http.Server;
let attackerOrigin: string;

test.beforeAll(async () => {
  attacker = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>Some other site</title><p>Nothing to see here.</p>");
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

/** What the server holds that an attack could change: designs, capture jobs, the AWS connection. */
async function serverState(request: APIRequestContext) {
  const designs = ((await (await request.get("/api/designs")).json()) as { designs: { id: string; name: string; version: number }[] }).designs;
  const jobs = ((await (await request.get("/api/aws/capture")).json()) as { jobs: unknown[] }).jobs;
  const connection = ((await (await request.get("/api/aws/connection")).json()) as { settings: unknown }).settings;
  return { designs: designs.map(({ id, name, version }) => ({ id, name, version })), jobs, connection };
}

const SIGNED = `AWS4-HMAC-SHA256 Credential=AKIDATTACKER/20260101/us-east-1/events/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;

test("a page from another loopback origin cannot create, change, delete or read designs, nor start a capture or apply", async ({ page, request, baseURL }) => {
  const created = await request.post("/api/designs", { data: { name: `Kept safe ${Date.now()}` } });
  const design = ((await created.json()) as { design: { id: string; name: string } }).design;
  const before = await serverState(request);

  const reachedServer: { method: string; path: string; status: number }[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.origin === baseURL) reachedServer.push({ method: response.request().method(), path: url.pathname, status: response.status() });
  });
  await page.goto(attackerOrigin);
  const attempts = await page.evaluate(
    async ({ app, id, signed }) => {
      const json = { "content-type": "application/json" };
      const tries: [string, string, RequestInit][] = [
        // "Simple" requests a page may send anywhere without asking (no-cors, text/plain).
        ["create", "/api/designs", { method: "POST", mode: "no-cors", body: JSON.stringify({ name: "pwned" }) }],
        ["capture", "/api/aws/capture", { method: "POST", mode: "no-cors", body: JSON.stringify({ kind: "live", busName: "default", durationSeconds: 60, consent: true }) }],
        ["apply", "/api/aws/apply", { method: "POST", mode: "no-cors", body: JSON.stringify({ designId: id, fingerprint: "guessed", deleteUnmanaged: ["default"] }) }],
        ["run locally", `/api/designs/${id}/run-locally`, { method: "POST", mode: "no-cors" }],
        ["read (no-cors)", `/api/designs/${id}`, { mode: "no-cors" }],
        // Requests that need CORS: the browser asks first, and the server never says yes.
        ["create (json)", "/api/designs", { method: "POST", headers: json, body: JSON.stringify({ name: "pwned" }) }],
        ["change", `/api/designs/${id}`, { method: "PATCH", headers: json, body: JSON.stringify({ name: "pwned", version: 1 }) }],
        ["delete", `/api/designs/${id}`, { method: "DELETE" }],
        ["settings", "/api/aws/connection", { method: "PUT", headers: json, body: JSON.stringify({ region: "us-east-1" }) }],
        ["read", "/api/designs", {}],
        ["aws endpoint", "/", { method: "POST", headers: { "x-amz-target": "AWSEvents.DeleteEventBus", authorization: signed }, body: "{}" }],
      ];
      const out: { label: string; outcome: string; text?: string }[] = [];
      for (const [label, path, init] of tries) {
        try {
          const response = await fetch(`${app}${path}`, init);
          out.push({ label, outcome: response.type, text: response.type === "opaque" ? undefined : await response.text() });
        } catch (error) {
          out.push({ label, outcome: `refused by the browser: ${String(error)}` });
        }
      }
      return out;
    },
    { app: baseURL!, id: design.id, signed: SIGNED },
  );
  // The page learnt nothing: every answer was opaque or an error.
  for (const attempt of attempts) expect(attempt.text, attempt.label).toBeUndefined();
  expect(attempts.filter((a) => a.outcome.startsWith("refused by the browser")).map((a) => a.label)).toEqual(["create (json)", "change", "delete", "settings", "read", "aws endpoint"]);

  // A form post is a navigation, not a fetch: it lands on the server's refusal.
  await page.setContent(`<form method="post" action="${baseURL}/api/designs" enctype="text/plain"><input name='{"name":"pwned","x":"' value='"}'></form>`);
  const [formAnswer] = await Promise.all([page.waitForResponse(`${baseURL}/api/designs`), page.locator("form").evaluate((form: HTMLFormElement) => form.submit())]);
  expect(formAnswer.status()).toBe(403);
  expect(await formAnswer.text()).toContain("Changes are accepted only from the app's own origin");

  // The server refused what reached it (preflights aside), not only the browser.
  const reached = reachedServer.filter((r) => r.method !== "OPTIONS");
  expect(reached.map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /api/designs",
    "POST /api/aws/capture",
    "POST /api/aws/apply",
    `POST /api/designs/${design.id}/run-locally`,
    `GET /api/designs/${design.id}`,
    "POST /api/designs",
  ]);
  for (const answer of reached) expect(answer.status, `${answer.method} ${answer.path}`).toBe(403);
  expect(await serverState(request)).toEqual(before);
  expect(before.designs).toContainEqual({ id: design.id, name: design.name, version: 1 });
});

test("DNS rebinding: a foreign name resolving to 127.0.0.1 is refused on pages, API routes and the AWS-protocol endpoint", async ({ request, baseURL }) => {
  const before = await serverState(request);
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH_OPTIONS, args: [...CHROMIUM_LAUNCH_OPTIONS.args, "--host-resolver-rules=MAP rebind.attacker.test 127.0.0.1"] });
  try {
    const page = await browser.newPage();
    const foreign = baseURL!.replace("127.0.0.1", "rebind.attacker.test");
    const landing = await page.goto(`${foreign}/designs`);
    expect(landing?.status()).toBe(421);
    expect(await landing?.text()).toContain("SWITCHYARD_ALLOWED_HOSTS");

    // To the browser this is the page's own origin: it may send any header, Authorization included.
    const answers = await page.evaluate(async (signed) => {
      const call = async (path: string, init: RequestInit = {}) => {
        const response = await fetch(path, init);
        return { status: response.status, text: await response.text() };
      };
      const json = { "content-type": "application/json" };
      return {
        page: await call("/events"),
        list: await call("/api/designs"),
        create: await call("/api/designs", { method: "POST", headers: json, body: JSON.stringify({ name: "rebound" }) }),
        settings: await call("/api/aws/connection", { method: "PUT", headers: json, body: JSON.stringify({ region: "us-east-1" }) }),
        capture: await call("/api/aws/capture", { method: "POST", headers: json, body: JSON.stringify({ kind: "live", busName: "default", durationSeconds: 60, consent: true }) }),
        events: await call("/", { method: "POST", headers: { "x-amz-target": "AWSEvents.ListEventBuses", "content-type": "application/x-amz-json-1.1", authorization: signed }, body: "{}" }),
        sqs: await call("/", { method: "POST", headers: { "x-amz-target": "AmazonSQS.ListQueues", "content-type": "application/x-amz-json-1.0", authorization: signed }, body: "{}" }),
        schemas: await call("/v1/registries", { headers: { authorization: signed } }),
      };
    }, SIGNED);
    for (const [what, answer] of Object.entries(answers)) {
      expect(answer.status, what).toBe(421);
      expect(answer.text, what).toContain("SWITCHYARD_ALLOWED_HOSTS");
      expect(answer.text, what).not.toContain("event-bus");
    }
    expect(JSON.parse(answers.events.text)).toMatchObject({ __type: "MisdirectedRequestException" });
  } finally {
    await browser.close();
  }
  expect(await serverState(request)).toEqual(before);
});

test("the app's own pages keep working, under each loopback name", async ({ page, baseURL }) => {
  for (const origin of [baseURL!, baseURL!.replace("127.0.0.1", "localhost")]) {
    await page.goto(`${origin}/designs`);
    await expect(page.getByRole("heading", { name: "Designs", level: 1 })).toBeVisible();
    const name = `Own page ${Date.now()}`;
    await createDesignFromList(page, name);
    // The page's own fetches carry its Origin, which the server accepts.
    const status = await page.evaluate(async () => (await fetch("/api/designs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "from the page" }) })).status);
    expect(status).toBe(201);
  }
});
