import { describe, expect, it } from "vitest";
import { awsServiceOf, checkRequest, refusalResponse, type RequestFacts } from "./inbound";
import { AWS_REQUEST_BODY_LIMIT, DEFAULT_BODY_LIMIT, DESIGN_BODY_LIMIT } from "./limits";
import { readBoundarySettings } from "./settings";

const settings = readBoundarySettings({ HOST: "127.0.0.1", SWITCHYARD_ALLOWED_HOSTS: "switchyard.internal" });
const signed = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKID/20261123/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"a".repeat(64)}`;

function facts(method: string, target: string, headers: Record<string, string> = {}): RequestFacts {
  const all: Record<string, string> = { host: "127.0.0.1:3000", ...headers };
  return { method, target, header: (name) => all[name] };
}
const check = (method: string, target: string, headers: Record<string, string> = {}) => checkRequest(facts(method, target, headers), settings);
const json = { "content-type": "application/json", "content-length": "2" };

describe("Host", () => {
  it("answers the loopback names, the configured HOST and SWITCHYARD_ALLOWED_HOSTS, on any port", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "localhost", "switchyard.internal", "SWITCHYARD.internal:8443"]) {
      expect(check("GET", "/designs", { host }), host).toBeUndefined();
    }
    const lan = readBoundarySettings({ HOST: "10.0.0.5" });
    expect(checkRequest(facts("GET", "/", { host: "10.0.0.5:3000" }), lan)).toBeUndefined();
  });

  it("refuses another name (DNS rebinding) with 421 naming the setting, for pages, routes and AWS calls alike", () => {
    for (const [method, target, extra] of [
      ["GET", "/designs", {}],
      ["GET", "/api/designs", {}],
      ["POST", "/", { "x-amz-target": "AWSEvents.ListEventBuses", authorization: signed("events") }],
    ] as const) {
      const refusal = check(method, target, { ...extra, host: "attacker.example:3000" });
      expect(refusal).toMatchObject({ status: 421, code: "host_not_allowed" });
      expect(refusal?.message).toContain("SWITCHYARD_ALLOWED_HOSTS");
    }
    expect(check("GET", "/", { host: "" })?.status).toBe(421);
    expect(checkRequest({ method: "GET", target: "/", header: () => undefined }, settings)?.status).toBe(421);
  });
});

describe("changes come only from the app's own origin", () => {
  it("lets the app's own pages (Origin, Sec-Fetch-Site) and programs without either change things", () => {
    expect(check("POST", "/api/designs", { ...json, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })).toBeUndefined();
    expect(check("DELETE", "/api/designs/d1", { origin: "http://127.0.0.1:3000" })).toBeUndefined();
    expect(check("POST", "/api/designs", json)).toBeUndefined();
    expect(check("PUT", "/api/aws/connection", { ...json, "sec-fetch-site": "none" })).toBeUndefined();
  });

  it("refuses another origin, another port of the same host and an opaque origin", () => {
    for (const origin of ["http://evil.example", "http://127.0.0.1:8080", "null", "http://localhost:3000"]) {
      const refusal = check("POST", "/api/designs", { ...json, origin });
      expect(refusal, origin).toMatchObject({ status: 403, code: "cross_origin" });
    }
    expect(check("POST", "/api/aws/capture", { ...json, "sec-fetch-site": "same-site" })?.status).toBe(403);
    expect(check("DELETE", "/api/designs/d1", { "sec-fetch-site": "cross-site" })?.status).toBe(403);
  });

  it("refuses another site's reads of /api but lets anyone follow a link to a page", () => {
    expect(check("GET", "/api/designs", { "sec-fetch-site": "cross-site" })).toMatchObject({ status: 403, code: "cross_origin" });
    expect(check("GET", "/api/designs", { "sec-fetch-site": "same-origin" })).toBeUndefined();
    expect(check("GET", "/designs/d1", { "sec-fetch-site": "cross-site" })).toBeUndefined();
  });
});

describe("bodies", () => {
  it("takes only JSON on /api (415), so no form or simple cross-site request reaches a route", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      expect(check("POST", "/api/designs", { "content-type": type, "content-length": "2" })?.status, type).toBe(415);
    }
    expect(check("POST", "/api/designs", { "content-length": "2" })?.status).toBe(415);
    expect(check("POST", "/api/designs", { "content-type": "application/json; charset=utf-8", "content-length": "2" })).toBeUndefined();
    // No body, no type needed (Run locally, cancel a capture).
    expect(check("POST", "/api/designs/d1/run-locally", { "content-length": "0" })).toBeUndefined();
  });

  it("refuses a body over the route's limit by its Content-Length (413), and a body of unstated length (411)", () => {
    const length = (n: number) => ({ "content-type": "application/json", "content-length": String(n) });
    expect(check("POST", "/api/designs", length(DESIGN_BODY_LIMIT))).toBeUndefined();
    expect(check("POST", "/api/designs", length(DESIGN_BODY_LIMIT + 1))).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(check("PATCH", "/api/designs/d1", length(DESIGN_BODY_LIMIT))).toBeUndefined();
    expect(check("POST", "/api/aws/plan", length(DEFAULT_BODY_LIMIT + 1))?.status).toBe(413);
    expect(check("POST", "/api/aws/plan", length(600 * 1024 * 1024))?.message).toContain(`limit of ${DEFAULT_BODY_LIMIT} bytes`);
    expect(check("POST", "/api/designs", { "content-type": "application/json", "transfer-encoding": "chunked" })?.status).toBe(411);
    expect(check("POST", "/api/designs", { "content-type": "application/json", "content-length": "12abc" })?.status).toBe(400);
  });
});

describe("paths", () => {
  it("refuses a path that is not valid percent-encoding with 400", () => {
    for (const target of ["/api/events/%ff", "/api/designs/%ff/file", "/designs/%E0%A4%A", "/api/designs/%zz?x=1"]) {
      expect(check("GET", target), target).toMatchObject({ status: 400, code: "bad_path" });
    }
    expect(check("GET", "/api/designs/%C3%A9?q=%ff")).toBeUndefined();
  });
});

describe("AWS calls", () => {
  it("tells EventBridge, SQS, STS, Schemas and Pipes calls apart by their shape, and leaves everything else to the app", () => {
    expect(awsServiceOf(facts("POST", "/", { "x-amz-target": "AWSEvents.PutEvents", authorization: signed("events") }))).toBe("events");
    expect(awsServiceOf(facts("POST", "/?x=1", { "x-amz-target": "AmazonSQS.ReceiveMessage", authorization: signed("sqs") }))).toBe("sqs");
    expect(awsServiceOf(facts("POST", "/", { "content-type": "application/x-www-form-urlencoded", authorization: signed("sts") }))).toBe("sts");
    expect(awsServiceOf(facts("GET", "/v1/registries/name/aws.events/schemas"))).toBe("schemas");
    expect(awsServiceOf(facts("POST", "/v1/pipes/orders", { authorization: signed("pipes") }))).toBe("pipes");
    expect(awsServiceOf(facts("GET", "/tags/arn%3Aaws%3Apipes%3Aus-east-1%3A000000000000%3Apipe%2Forders", { authorization: signed("pipes") }))).toBe("pipes");
    // `/tags/…` signed for another service is not the pipes' (nor, unsigned, anyone's).
    expect(awsServiceOf(facts("GET", "/tags/arn", { authorization: signed("sts") }))).toBeUndefined();
    // A form post without SigV4, a GET, or another path is the app's.
    expect(awsServiceOf(facts("POST", "/", { "content-type": "application/x-www-form-urlencoded" }))).toBeUndefined();
    expect(awsServiceOf(facts("GET", "/", { "x-amz-target": "AmazonSQS.ListQueues" }))).toBeUndefined();
    expect(awsServiceOf(facts("POST", "/api/designs", { "x-amz-target": "AmazonSQS.ListQueues" }))).toBeUndefined();
    expect(awsServiceOf(facts("POST", "/settings", { authorization: signed("sts") }))).toBeUndefined();
  });

  it("tells restJson1 services apart by their paths, and a shared /tags path by the SigV4 scope", () => {
    expect(awsServiceOf(facts("GET", "/schedules?ScheduleGroup=a"))).toBe("scheduler");
    expect(awsServiceOf(facts("DELETE", "/schedule-groups/reports"))).toBe("scheduler");
    expect(awsServiceOf(facts("GET", "/tags/arn%3Aaws%3Ascheduler%3A", { authorization: signed("scheduler") }))).toBe("scheduler");
    expect(awsServiceOf(facts("GET", "/tags/arn%3Aaws%3Aevents%3A", { authorization: signed("events") }))).toBeUndefined();
    expect(awsServiceOf(facts("GET", "/tags/x"))).toBeUndefined();
    expect(awsServiceOf(facts("GET", "/schedulesx"))).toBeUndefined();
    // Unsigned, a Scheduler path is still an AWS call, and refused as one.
    expect(check("GET", "/schedules")).toMatchObject({ status: 403, awsType: "MissingAuthenticationTokenException" });
  });

  it("must carry a SigV4 Authorization header, which no web page can send to another origin", () => {
    const call = { "x-amz-target": "AWSEvents.ListEventBuses", "content-type": "application/x-amz-json-1.1", "content-length": "2" };
    expect(check("POST", "/", { ...call, authorization: signed("events") })).toBeUndefined();
    expect(check("POST", "/", call)).toMatchObject({ status: 403, awsType: "MissingAuthenticationTokenException" });
    expect(check("POST", "/", { ...call, authorization: "Bearer x" })).toMatchObject({ status: 400, awsType: "IncompleteSignatureException" });
    expect(check("GET", "/v1/registries")).toMatchObject({ status: 403 });
  });

  it("take AWS's request size, whatever their Content-Type", () => {
    const call = { "x-amz-target": "AWSEvents.PutEvents", "content-type": "application/x-amz-json-1.1", authorization: signed("events") };
    expect(check("POST", "/", { ...call, "content-length": String(AWS_REQUEST_BODY_LIMIT) })).toBeUndefined();
    expect(check("POST", "/", { ...call, "content-length": String(AWS_REQUEST_BODY_LIMIT + 1) })).toMatchObject({ status: 413 });
    // Counted as they are read instead (lib/boundary/node-http.ts).
    expect(check("POST", "/", { ...call, "transfer-encoding": "chunked" })).toBeUndefined();
  });

  it("answers a refused AWS call in AWS's error shape, and the app's routes in the app's", async () => {
    const aws = refusalResponse({ status: 403, code: "unsigned", awsType: "MissingAuthenticationTokenException", message: "Missing" }, "events");
    expect(aws.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(await aws.json()).toEqual({ __type: "MissingAuthenticationTokenException", message: "Missing" });
    const app = refusalResponse({ status: 415, code: "unsupported_media_type", awsType: "ValidationException", message: "JSON" }, undefined);
    expect(await app.json()).toEqual({ error: { code: "unsupported_media_type", message: "JSON" } });
  });
});

describe("settings", () => {
  it("names the variable whose list is malformed", () => {
    expect(() => readBoundarySettings({ SWITCHYARD_ALLOWED_HOSTS: "ok.internal, http://bad/" })).toThrow(/SWITCHYARD_ALLOWED_HOSTS: "http:\/\/bad\/"/);
    expect(() => readBoundarySettings({ SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: "a b" })).toThrow(/SWITCHYARD_ALLOWED_OUTBOUND_HOSTS/);
    expect(readBoundarySettings({ SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: "localhost:4566, 10.0.0.7" }).allowedOutboundHosts).toEqual([
      { hostname: "localhost", port: 4566 },
      { hostname: "10.0.0.7" },
    ]);
  });
});
