/**
 * A seeded, bounded fuzz of every route and the local endpoint's AWS protocols, against the built
 * app (`npx next build` first) on loopback: malformed and mistyped JSON, huge and deeply nested
 * bodies, bad percent-encodings and UTF-8, wrong and missing content types, unknown operations
 * and targets. Every answer must be below 500, and the server must still answer its health check
 * afterwards. Prints the figures; exits 1 on any answer ≥ 500 or a dead server.
 *
 *   npm run fuzz:routes -- [--requests 10000] [--seed 1] [--seconds 600] [--concurrency 8] [--base-url http://127.0.0.1:3000]
 *
 * Without --base-url it starts its own server (`npm start`) on a free loopback port with a fresh
 * SQLite file and no AWS credentials, and stops it at the end. e2e/fuzz.spec.ts runs a smaller
 * round in the test suite.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { OPERATIONS } from "../lib/emulator/events/operations";
import { PIPES_MODEL } from "../lib/emulator/pipes/model";
import type { RestJsonModel } from "../lib/emulator/protocol/rest-json";
import { SCHEDULER_MODEL } from "../lib/emulator/scheduler/model";
import { SQS_OPERATIONS } from "../lib/emulator/sqs/protocol";
import { STARTERS } from "../lib/starters";

// ---------------------------------------------------------------------------------------------
// Randomness (seeded, so a failing run can be repeated)

type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, max: number) => Math.floor(rng() * max);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

// ---------------------------------------------------------------------------------------------
// What to send

interface FuzzRequest {
  readonly method: string;
  /** Path and query exactly as sent (may hold bad percent-encodings). */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  /** Send the body chunked, without a Content-Length. */
  readonly chunked?: boolean;
  /** Stop reading after the headers (server-sent event streams). */
  readonly headersOnly?: boolean;
}

/** Ids that exist on the server (designs made before the round), and the app's origin. */
export interface FuzzContext {
  readonly origin: string;
  readonly designIds: readonly string[];
}

const PLACEHOLDER_SIGNATURE = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;

const STRINGS = ["", "x", "orders", "default", "ñandú 🚀", "../../etc/passwd", "<script>alert(1)</script>", "${path.cwd}", "%{ if true }", "a".repeat(300), "\u0000", "null", "-1", "1e309", "' OR 1=1 --"];

function randomString(rng: Rng): string {
  if (chance(rng, 0.05)) return "z".repeat(int(rng, 70_000));
  if (chance(rng, 0.05)) return String.fromCharCode(...Array.from({ length: 1 + int(rng, 40) }, () => int(rng, 0xffff)));
  return pick(rng, STRINGS);
}

function randomValue(rng: Rng, depth = 0): unknown {
  const kind = int(rng, depth > 3 ? 6 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return chance(rng, 0.5);
    case 2:
      return pick(rng, [0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, 42]);
    case 3:
    case 4:
    case 5:
      return randomString(rng);
    case 6:
      return Array.from({ length: int(rng, 4) }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: int(rng, 4) }, () => [randomString(rng).slice(0, 20), randomValue(rng, depth + 1)]));
  }
}

/** A valid-looking body with fields swapped for wrong types, dropped, or added. */
function mutate(rng: Rng, template: Record<string, unknown>): unknown {
  if (chance(rng, 0.15)) return template;
  const copy: Record<string, unknown> = { ...template };
  const keys = Object.keys(copy);
  for (let n = 1 + int(rng, 3); n > 0; n--) {
    const action = int(rng, 4);
    if (action === 0 && keys.length > 0) delete copy[pick(rng, keys)];
    else if (action === 1 && keys.length > 0) copy[pick(rng, keys)] = randomValue(rng);
    else if (action === 2) copy[randomString(rng).slice(0, 30) || "extra"] = randomValue(rng);
    else if (keys.length > 0) copy[pick(rng, keys)] = nested(1 + int(rng, 400));
  }
  return chance(rng, 0.05) ? randomValue(rng) : copy;
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** A body that is not what the route expects at the byte level. */
function rawBody(rng: Rng, json: unknown): Buffer {
  const text = JSON.stringify(json) ?? "null";
  switch (int(rng, 10)) {
    case 0:
      return Buffer.from(text.slice(0, int(rng, text.length + 1)));
    case 1:
      return Buffer.from(Array.from({ length: 1 + int(rng, 300) }, () => int(rng, 256)));
    case 2:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    case 3:
      return Buffer.from(`${"[".repeat(20_000)}${"]".repeat(20_000)}`);
    case 4:
      return Buffer.from(text.replace(/"/, '"\udc00'), "utf8");
    case 5:
      return Buffer.concat([Buffer.from(text.slice(0, 5)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(text.slice(5))]);
    case 6:
      return Buffer.from(pick(rng, ["", " ", "null", "[]", "123", '"x"', "{}", "{", "}{"]));
    default:
      return Buffer.from(text);
  }
}

const BAD_SEGMENTS = ["%ff", "%", "%e0%a4%a", "%zz", "%00", "..", "%2e%2e", "a%2Fb", "%C3%A9", "x".repeat(5000), "dsn_nope", "🚀"];

function segment(rng: Rng, real: readonly string[]): string {
  if (real.length > 0 && chance(rng, 0.5)) return pick(rng, real);
  return pick(rng, BAD_SEGMENTS);
}

function query(rng: Rng): string {
  if (chance(rng, 0.6)) return "";
  const keys = ["bus", "source", "detailType", "q", "source", "cursor", "limit", "from", "to", "replay", "x"];
  const values = ["", "1", "-5", "abc", "%ff", "aws", "bundled", "2026-01-01T00:00:00Z", "not-a-date", "9".repeat(400), "%e0%a4"];
  return `?${Array.from({ length: 1 + int(rng, 3) }, () => `${pick(rng, keys)}=${pick(rng, values)}`).join("&")}`;
}

type Template = (rng: Rng, context: FuzzContext) => Record<string, unknown>;

/** The app's routes: method, path (with ids filled in) and a body it would take. */
const APP_ROUTES: readonly { method: string; path: (rng: Rng, c: FuzzContext) => string; body?: Template; headersOnly?: boolean }[] = [
  ...["/", "/designs", "/events", "/lab", "/settings", "/share", "/aws"].map((page) => ({ method: "GET", path: () => page })),
  { method: "GET", path: (rng, c) => `/designs/${segment(rng, c.designIds)}` },
  { method: "GET", path: (rng, c) => `/designs/${segment(rng, c.designIds)}/push` },
  { method: "GET", path: () => "/api/health" },
  { method: "GET", path: () => "/api/designs" },
  { method: "POST", path: () => "/api/designs", body: (rng) => ({ name: randomString(rng), description: randomString(rng), graph: randomValue(rng) }) },
  { method: "GET", path: (rng, c) => `/api/designs/${segment(rng, c.designIds)}` },
  { method: "PATCH", path: (rng, c) => `/api/designs/${segment(rng, c.designIds)}`, body: (rng) => ({ name: randomString(rng), version: pick(rng, [1, 2, 0, -1, 99]) }) },
  { method: "DELETE", path: (rng) => `/api/designs/${pick(rng, BAD_SEGMENTS)}` },
  { method: "GET", path: (rng, c) => `/api/designs/${segment(rng, c.designIds)}/file` },
  { method: "POST", path: (rng, c) => `/api/designs/${segment(rng, c.designIds)}/run-locally` },
  { method: "POST", path: (rng, c) => `/api/designs/${segment(rng, c.designIds)}/send-test-event`, body: (rng) => ({ producerId: pick(rng, ["producer", "shop", randomString(rng)]), sampleId: randomString(rng) }) },
  { method: "POST", path: (rng, c) => `/api/designs/${segment(rng, c.designIds)}/subscriber-state`, body: (rng) => ({ nodeId: pick(rng, ["sub", randomString(rng)]), state: pick(rng, ["RUNNING", "STOPPED", randomString(rng)]) }) },
  { method: "GET", path: (rng) => `/api/events${query(rng)}` },
  { method: "GET", path: (rng) => `/api/events/${pick(rng, BAD_SEGMENTS)}` },
  { method: "GET", path: (rng) => `/api/events/stream${query(rng)}`, headersOnly: true },
  { method: "POST", path: () => "/api/events/export", body: (rng) => ({ ids: [randomString(rng), randomString(rng)] }) },
  { method: "POST", path: () => "/api/events/replay", body: (rng) => ({ ids: [randomString(rng)], replayName: randomString(rng) }) },
  { method: "POST", path: (rng) => `/api/events/ingest${query(rng)}`, body: (rng) => ({ source: randomString(rng), "detail-type": "x", detail: randomValue(rng) }) },
  { method: "POST", path: () => "/api/lab/verify", body: (rng) => ({ pattern: JSON.stringify({ source: [randomString(rng)] }), events: [{ id: "e1", name: "e1", text: "{}" }] }) },
  { method: "GET", path: (rng) => `/api/schemas${query(rng)}` },
  { method: "GET", path: (rng) => `/api/schemas/${pick(rng, ["aws.events", ...BAD_SEGMENTS])}${query(rng)}` },
  { method: "GET", path: (rng) => `/api/schemas/${pick(rng, ["aws.events", ...BAD_SEGMENTS])}/${pick(rng, ["aws.ec2@EC2InstanceStateChangeNotification", ...BAD_SEGMENTS])}${query(rng)}` },
  { method: "GET", path: () => "/api/aws/connection" },
  // Valid settings point at the server itself, so a round never sends anything to real AWS.
  { method: "PUT", path: () => "/api/aws/connection", body: (rng, c) => ({ region: pick(rng, ["us-east-1", "eu-west-1", "Ireland"]), endpoint: pick(rng, [c.origin, "https://abc.execute-api.us-east-1.amazonaws.com", "http://169.254.169.254", "ftp://x"]) }) },
  { method: "DELETE", path: () => "/api/aws/connection" },
  { method: "GET", path: () => "/api/aws/connection/profiles" },
  { method: "POST", path: () => "/api/aws/connection/test", body: (rng, c) => ({ region: "us-east-1", endpoint: pick(rng, [c.origin, "http://[::ffff:169.254.169.254]", "https://attacker.example"]) }) },
  { method: "POST", path: () => "/api/aws/import", body: (rng) => ({ bus: randomString(rng), prefix: randomString(rng), name: randomString(rng) }) },
  { method: "POST", path: () => "/api/aws/plan", body: (rng, c) => ({ designId: segment(rng, c.designIds), deleteUnmanaged: [randomString(rng)] }) },
  { method: "POST", path: () => "/api/aws/apply", body: (rng, c) => ({ designId: segment(rng, c.designIds), fingerprint: randomString(rng) }) },
  { method: "GET", path: () => "/api/aws/capture" },
  { method: "POST", path: () => "/api/aws/capture", body: (rng) => ({ kind: pick(rng, ["archive", "live", "x"]), archiveName: randomString(rng), busName: "default", from: "2026-01-01T00:00:00Z", to: "2026-01-01T01:00:00Z", durationSeconds: 1, consent: pick(rng, [true, false, "yes"]) }) },
  { method: "GET", path: (rng) => `/api/aws/capture/${pick(rng, BAD_SEGMENTS)}` },
  { method: "POST", path: (rng) => `/api/aws/capture/${pick(rng, BAD_SEGMENTS)}/cancel` },
  { method: "GET", path: () => "/api/aws/capture/archives" },
  { method: "POST", path: () => "/api/aws/capture/estimate", body: (rng) => ({ archiveName: randomString(rng), from: "2026-01-01T00:00:00Z", to: randomString(rng) }) },
  { method: "POST", path: (rng) => pick(rng, ["/api/emulator/events", "/api/emulator/sqs", "/api/emulator/sts"]), body: (rng) => ({ Name: randomString(rng) }) },
  { method: "GET", path: (rng) => `/${pick(rng, BAD_SEGMENTS)}/${pick(rng, BAD_SEGMENTS)}${query(rng)}` },
];

/** Members the AWS operations take, to build bodies that get past the first checks. */
const AWS_MEMBERS: Record<string, (rng: Rng, c: FuzzContext) => unknown> = {
  Name: (rng) => pick(rng, ["orders", "default", randomString(rng)]),
  EventBusName: (rng) => pick(rng, ["default", "orders", randomString(rng)]),
  Rule: (rng) => pick(rng, ["r1", randomString(rng)]),
  EventPattern: (rng) => pick(rng, ['{"source":["shop"]}', JSON.stringify(nested(int(rng, 2000))), randomString(rng)]),
  Entries: (rng) => Array.from({ length: int(rng, 12) }, () => ({ Source: randomString(rng), DetailType: "t", Detail: pick(rng, ["{}", JSON.stringify(nested(int(rng, 3000))), randomString(rng)]), EventBusName: "default", Id: "a", MessageBody: "m" })),
  Targets: (rng) => [{ Id: randomString(rng), Arn: pick(rng, ["arn:aws:sqs:us-east-1:000000000000:q", randomString(rng)]), Input: randomString(rng) }],
  Ids: (rng) => [randomString(rng)],
  Event: () => JSON.stringify({ id: "1", source: "s", "detail-type": "t", account: "000000000000", region: "us-east-1", time: "2026-01-01T00:00:00Z", resources: [], detail: {} }),
  ArchiveName: (rng) => randomString(rng),
  EventSourceArn: () => "arn:aws:events:us-east-1:000000000000:event-bus/default",
  ReplayName: (rng) => randomString(rng),
  StartTime: (rng) => pick(rng, [0, 1767225600, "x"]),
  EndTime: (rng) => pick(rng, [1767229200, -1]),
  Destination: () => ({ Arn: "arn:aws:events:us-east-1:000000000000:event-bus/default" }),
  ResourceARN: (rng) => randomString(rng),
  Tags: (rng) => [{ Key: randomString(rng), Value: randomString(rng) }],
  QueueName: (rng) => pick(rng, ["q1", randomString(rng)]),
  QueueUrl: (rng, c) => pick(rng, [`${c.origin}/000000000000/q1`, randomString(rng), "http://x/%ff/q"]),
  MessageBody: (rng) => randomString(rng),
  ReceiptHandle: (rng) => randomString(rng),
  WaitTimeSeconds: (rng) => pick(rng, [0, 1, -1, "x"]),
  MaxNumberOfMessages: (rng) => pick(rng, [1, 10, 11, "x"]),
  Limit: (rng) => pick(rng, [1, 100, 0, "x"]),
  NextToken: (rng) => randomString(rng),
};

/** Scheduler and Pipes members, for bodies that get past the model check now and then. */
const REST_JSON_MEMBERS: Record<string, (rng: Rng) => unknown> = {
  ScheduleExpression: (rng) => pick(rng, ["rate(1 minute)", "cron(0 2 * * ? *)", "at(2030-01-01T00:00:00)", "cron(0 0 31 2 ? *)", randomString(rng)]),
  ScheduleExpressionTimezone: (rng) => pick(rng, ["Europe/Berlin", "Mars/Olympus", randomString(rng)]),
  FlexibleTimeWindow: (rng) => pick(rng, [{ Mode: "OFF" }, { Mode: "FLEXIBLE", MaximumWindowInMinutes: pick(rng, [1, 1441, -1, "x"]) }, randomValue(rng)]),
  Target: (rng) => ({ Arn: pick(rng, ["arn:aws:sqs:us-east-1:000000000000:q1", "arn:aws:scheduler:::aws-sdk:sqs:sendMessage", randomString(rng)]), RoleArn: "arn:aws:iam::000000000000:role/r", Input: randomString(rng) }),
  Source: (rng) => pick(rng, ["arn:aws:sqs:us-east-1:000000000000:q1", "arn:aws:kinesis:us-east-1:000000000000:stream/s", randomString(rng)]),
  RoleArn: () => "arn:aws:iam::000000000000:role/r",
  SourceParameters: (rng) => ({ FilterCriteria: { Filters: [{ Pattern: pick(rng, ['{"body":{"status":["PAID"]}}', '{"body":{"x":[{"wildcard":"a*"}]}}', JSON.stringify(nested(int(rng, 500))), randomString(rng)]) }] } }),
  Tags: (rng) => pick(rng, [{ team: randomString(rng) }, [{ Key: "k", Value: "v" }]]),
  State: (rng) => pick(rng, ["ENABLED", "DISABLED", randomString(rng)]),
};

/** A restJson1 call (Scheduler, Pipes): one of the model's routes, its labels real names or bad segments. */
function restJsonRequest(rng: Rng, auth: Record<string, string>, model: RestJsonModel): FuzzRequest {
  const route = chance(rng, 0.9) ? pick(rng, Object.values(model.routes)) : { method: pick(rng, ["GET", "POST", "PATCH"]), uri: `/${pick(rng, BAD_SEGMENTS)}`, bindings: {} };
  const path = route.uri.replace(/\{[^}]+\}/g, () => pick(rng, ["orders", "default", "arn:aws:scheduler:us-east-1:000000000000:schedule-group/default", ...BAD_SEGMENTS]));
  const members = Object.keys(REST_JSON_MEMBERS).filter(() => chance(rng, 0.4));
  const template = Object.fromEntries(members.map((member) => [member, REST_JSON_MEMBERS[member]!(rng)]));
  const body = route.method === "GET" || route.method === "DELETE" ? undefined : chance(rng, 0.25) ? rawBody(rng, mutate(rng, template)) : Buffer.from(JSON.stringify(mutate(rng, template)) ?? "null");
  return { method: route.method, path: `${path}${query(rng)}`, headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body };
}

function awsRequest(rng: Rng, context: FuzzContext): FuzzRequest {
  const service = pick(rng, ["events", "events", "events", "sqs", "sts", "schemas", "scheduler", "pipes"] as const);
  const auth: Record<string, string> = chance(rng, 0.92) ? { authorization: PLACEHOLDER_SIGNATURE(service) } : chance(rng, 0.5) ? {} : { authorization: "AWS4-HMAC-SHA256 garbage" };
  if (service === "schemas") {
    const path = `/v1/registries${pick(rng, ["", "/name/aws.events/schemas", "/name/aws.events/schemas/search", `/name/${pick(rng, BAD_SEGMENTS)}/schemas/name/${pick(rng, BAD_SEGMENTS)}`, `/${pick(rng, BAD_SEGMENTS)}`])}${pick(rng, ["", "?limit=abc", "?limit=5&nextToken=%%%", "?keywords=ec2", "?nextToken=bm9wZQ"])}`;
    return { method: "GET", path, headers: auth };
  }
  if (service === "scheduler" || service === "pipes") return restJsonRequest(rng, auth, service === "scheduler" ? SCHEDULER_MODEL : PIPES_MODEL);
  if (service === "sts") {
    const action = pick(rng, ["GetCallerIdentity", "AssumeRole", "", randomString(rng)]);
    return { method: "POST", path: "/", headers: { ...auth, "content-type": "application/x-www-form-urlencoded" }, body: Buffer.from(`Action=${action}&Version=2011-06-15`) };
  }
  const operations = service === "events" ? Object.keys(OPERATIONS) : Object.keys(SQS_OPERATIONS);
  const prefix = service === "events" ? "AWSEvents." : "AmazonSQS.";
  const target = chance(rng, 0.9) ? `${prefix}${pick(rng, operations)}` : pick(rng, [`${prefix}Explode`, `${prefix}`, `${prefix}__proto__`, `${prefix}constructor`, `${prefix}${randomString(rng)}`]);
  const members = Object.keys(AWS_MEMBERS).filter(() => chance(rng, 0.3));
  const template = Object.fromEntries(members.map((member) => [member, AWS_MEMBERS[member]!(rng, context)]));
  const body = chance(rng, 0.25) ? rawBody(rng, mutate(rng, template)) : Buffer.from(JSON.stringify(mutate(rng, template)) ?? "null");
  const contentType = service === "events" ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
  return { method: "POST", path: "/", headers: { ...auth, "x-amz-target": target, "content-type": contentType }, body, chunked: chance(rng, 0.05) };
}

function appRequest(rng: Rng, context: FuzzContext): FuzzRequest {
  const route = pick(rng, APP_ROUTES);
  const path = route.path(rng, context);
  // Mostly the app's own pages (to reach the handlers); sometimes another origin or none.
  const origin = pick(rng, [context.origin, context.origin, context.origin, undefined, "http://evil.example", "null"]);
  const headers: Record<string, string> = origin === undefined ? {} : { origin };
  if (route.body === undefined) {
    if (route.method !== "GET" && chance(rng, 0.2)) return { method: route.method, path, headers: { ...headers, "content-type": "application/json" }, body: rawBody(rng, randomValue(rng)) };
    return { method: route.method, path, headers, headersOnly: route.headersOnly };
  }
  headers["content-type"] = pick(rng, ["application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded"]);
  const json = mutate(rng, route.body(rng, context));
  const body = chance(rng, 0.3) ? rawBody(rng, json) : Buffer.from(JSON.stringify(json) ?? "null");
  return { method: route.method, path, headers, body, chunked: chance(rng, 0.03) };
}

/** Now and then a body far over every limit (declared, or streamed without a length). */
function hugeRequest(rng: Rng, context: FuzzContext): FuzzRequest {
  const size = pick(rng, [3, 9, 20]) * 1024 * 1024;
  const body = Buffer.alloc(size, 0x20);
  if (chance(rng, 0.5)) {
    return { method: "POST", path: "/", headers: { authorization: PLACEHOLDER_SIGNATURE("events"), "x-amz-target": "AWSEvents.PutEvents", "content-type": "application/x-amz-json-1.1" }, body, chunked: chance(rng, 0.5) };
  }
  return { method: "POST", path: pick(rng, ["/api/designs", "/api/lab/verify", "/api/aws/plan"]), headers: { origin: context.origin, "content-type": "application/json" }, body, chunked: chance(rng, 0.3) };
}

export function nextRequest(rng: Rng, context: FuzzContext): FuzzRequest {
  if (chance(rng, 0.004)) return hugeRequest(rng, context);
  return chance(rng, 0.45) ? awsRequest(rng, context) : appRequest(rng, context);
}

// ---------------------------------------------------------------------------------------------
// Sending

interface Answer {
  readonly status: number;
  readonly ms: number;
}

/**
 * The path as raw bytes on the wire: its UTF-8 bytes unescaped (Node writes a latin1 string byte
 * for byte), only spaces and control characters escaped, which no HTTP request line may hold.
 */
function wirePath(path: string): string {
  return Buffer.from(path, "utf8")
    .toString("latin1")
    .replace(/[\u0000-\u0020\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** A header value as raw bytes, without the characters that would end the header. */
function wireHeader(value: string): string {
  return Buffer.from(value, "utf8").toString("latin1").replace(/[\r\n\u0000]/g, " ");
}

function send(base: URL, request: FuzzRequest, agent: http.Agent, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, wireHeader(value)]));
    if (request.body !== undefined && !request.chunked) headers["content-length"] = request.body.length;
    const call = http.request({ host: base.hostname, port: base.port, method: request.method, path: wirePath(request.path), headers, agent, timeout: timeoutMs }, (response) => {
      const done = () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started });
      if (request.headersOnly) {
        done();
        response.destroy();
        return;
      }
      response.resume();
      response.on("end", done);
      response.on("error", done);
    });
    // A refused upload may be cut off mid-body: the answer (if any) has been read by then.
    call.on("error", (error: NodeJS.ErrnoException) => resolve({ status: error.code === "ECONNRESET" || error.code === "EPIPE" ? -1 : -2, ms: performance.now() - started }));
    call.on("timeout", () => call.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
    call.end(request.body);
  });
}

export interface FuzzFigures {
  readonly seed: number;
  readonly requests: number;
  readonly seconds: number;
  readonly statuses: Record<string, number>;
  /** Answers ≥ 500, with the request that got each (the first 20). */
  readonly serverErrors: number;
  readonly failures: readonly string[];
  /** Connections the server closed mid-upload (refused oversized bodies) and client errors. */
  readonly cutOff: number;
  readonly clientErrors: number;
  readonly slowestMs: number;
  readonly healthyAfter: boolean;
}

export interface FuzzOptions {
  readonly baseURL: string;
  readonly requests: number;
  readonly seed: number;
  readonly seconds: number;
  readonly concurrency: number;
  readonly timeoutMs?: number;
}

function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? "" : ` body(${request.body.length}b)=${JSON.stringify(request.body.subarray(0, 160).toString("utf8"))}`;
  return `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers)}${request.chunked ? " chunked" : ""}${body}`;
}

async function jsonRequest(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(path, base), { method, headers: { "content-type": "application/json", origin: base }, body: body === undefined ? undefined : JSON.stringify(body) });
  return response.json();
}

/** Designs the round's id-based routes can find: an empty one and every starter design. */
async function seedDesigns(base: string): Promise<string[]> {
  const bodies = [{ name: "fuzz empty" }, ...STARTERS.map((starter) => ({ name: starter.title, graph: starter.design() }))];
  const created = (await Promise.all(bodies.map((body) => jsonRequest(base, "POST", "/api/designs", body)))) as { design?: { id: string } }[];
  return created.flatMap((answer) => (answer.design ? [answer.design.id] : []));
}

export async function fuzzRoutes(options: FuzzOptions): Promise<FuzzFigures> {
  const base = new URL(options.baseURL);
  const origin = base.origin;
  const context: FuzzContext = { origin, designIds: await seedDesigns(origin) };
  const rng = seededRng(options.seed);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  let serverErrors = 0;
  let cutOff = 0;
  let clientErrors = 0;
  let slowestMs = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  const worker = async () => {
    while (sent < options.requests && performance.now() < deadline) {
      sent++;
      const request = nextRequest(rng, context);
      const answer = await send(base, request, agent, options.timeoutMs ?? 30_000);
      slowestMs = Math.max(slowestMs, answer.ms);
      if (answer.status === -1) cutOff++;
      else if (answer.status === -2) clientErrors++;
      else statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
      if (answer.status >= 500 || answer.status === -2) {
        if (answer.status >= 500) serverErrors++;
        if (failures.length < 20) failures.push(`${answer.status} ← ${describeRequest(request)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
  // Leave the server as it was found: no saved AWS connection.
  await jsonRequest(origin, "DELETE", "/api/aws/connection").catch(() => undefined);
  const health = await fetch(new URL("/api/health", origin)).catch(() => undefined);
  return {
    seed: options.seed,
    requests: sent,
    seconds: (performance.now() - started) / 1000,
    statuses,
    serverErrors,
    failures,
    cutOff,
    clientErrors,
    slowestMs,
    healthyAfter: health?.status === 200,
  };
}

// ---------------------------------------------------------------------------------------------
// A server of its own

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface FuzzServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** `npm start` (the built app) on a free loopback port, a fresh database, and no AWS credentials. */
export async function startFuzzServer(): Promise<FuzzServer> {
  const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
  const dir = mkdtempSync(join(tmpdir(), "switchyard-fuzz-"));
  const port = await freePort();
  const child: ChildProcess = spawn("npm", ["run", "--silent", "start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: `file:${join(dir, "fuzz.db")}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // No credentials anywhere: a round reaches no AWS account.
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_PROFILE: "",
      AWS_REGION: "",
      AWS_DEFAULT_REGION: "",
      AWS_CONFIG_FILE: join(dir, "none"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"),
      AWS_EC2_METADATA_DISABLED: "true",
    },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let waited = 0; waited < 120_000; waited += 250) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr}`);
    const healthy = await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false);
    if (healthy) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the server did not answer /api/health within 120 s: ${stderr}`);
}

// ---------------------------------------------------------------------------------------------
// Command line

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

async function main(): Promise<void> {
  const given = argument("base-url", "");
  const server = given === "" ? await startFuzzServer() : undefined;
  try {
    const options: FuzzOptions = {
      baseURL: given || server!.url,
      requests: Number(argument("requests", "10000")),
      seed: Number(argument("seed", "1")),
      seconds: Number(argument("seconds", "600")),
      concurrency: Number(argument("concurrency", "8")),
    };
    console.log(`Fuzzing ${options.baseURL}: up to ${options.requests} requests or ${options.seconds} s, seed ${options.seed}, ${options.concurrency} at a time`);
    const figures = await fuzzRoutes(options);
    const classes = Object.entries(figures.statuses).sort(([a], [b]) => Number(a) - Number(b));
    console.log(`${figures.requests} requests in ${figures.seconds.toFixed(1)} s (${(figures.requests / figures.seconds).toFixed(0)}/s), slowest ${figures.slowestMs.toFixed(0)} ms`);
    console.log(`statuses: ${classes.map(([status, count]) => `${status}×${count}`).join(" ")}`);
    console.log(`cut off mid-upload (refused oversized bodies): ${figures.cutOff}; client-side errors: ${figures.clientErrors}`);
    console.log(`answers ≥ 500: ${figures.serverErrors}; healthy afterwards: ${figures.healthyAfter ? "yes" : "NO"}`);
    for (const failure of figures.failures) console.log(`  ${failure}`);
    process.exitCode = figures.serverErrors === 0 && figures.clientErrors === 0 && figures.healthyAfter ? 0 : 1;
  } finally {
    await server?.stop();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) void main();
