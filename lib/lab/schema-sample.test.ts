import { describe, expect, it } from "vitest";
import { BUNDLED_SCHEMAS } from "@/lib/emulator/schemas/bundled";
import { readEvent, testEventPattern } from "@/lib/pattern";
import { sampleFromSchema, SchemaSampleError } from "./schema-sample";

const NOW = new Date("2026-03-02T10:15:30.123Z");

function bundled(name: string): string {
  const schema = BUNDLED_SCHEMAS.find((s) => s.name === name);
  if (schema === undefined) throw new Error(`no bundled schema ${name}`);
  return schema.content;
}

function eventOf(content: string, options = {}): Record<string, unknown> {
  return JSON.parse(sampleFromSchema(content, { now: NOW, ...options }).event) as Record<string, unknown>;
}

describe("sampleFromSchema on the bundled registry schemas (OpenAPI 3)", () => {
  it("makes a valid EventBridge event for every bundled schema, matching its own source and detail-type", () => {
    expect(BUNDLED_SCHEMAS).toHaveLength(4);
    for (const schema of BUNDLED_SCHEMAS) {
      const sample = sampleFromSchema(schema.content, { now: NOW });
      expect(() => readEvent(sample.event), schema.name).not.toThrow();
      const pattern = JSON.stringify({ source: [sample.source], "detail-type": [sample.detailType] });
      expect(testEventPattern(pattern, sample.event), schema.name).toBe(true);
      expect(sample.warnings).toEqual([]);
    }
  });

  it("fills the envelope as AWS does and the detail from the referenced component", () => {
    const event = eventOf(bundled("aws.ec2@EC2InstanceStateChangeNotification"));
    expect(event).toEqual({
      detail: { "instance-id": "i-1234567890abcdef0", state: "running" },
      account: "123456789012",
      "detail-type": "EC2 Instance State-change Notification",
      id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
      region: "us-east-1",
      resources: [],
      source: "aws.ec2",
      time: "2026-03-02T10:15:30Z",
      version: "0",
    });
    expect(eventOf(bundled("aws.scheduler@ScheduledEvent"), { region: "eu-west-1", account: "210987654321" })).toMatchObject({ detail: {}, region: "eu-west-1", account: "210987654321", source: "aws.events" });
  });

  it("leaves optional fields out when asked, keeping required ones", () => {
    const detail = eventOf(bundled("aws.codepipeline@CodePipelinePipelineExecutionStateChange"), { includeOptional: false }).detail;
    expect(Object.keys(detail as object).sort()).toEqual(["execution-id", "pipeline", "state"]);
    const full = eventOf(bundled("aws.codepipeline@CodePipelinePipelineExecutionStateChange")).detail as Record<string, unknown>;
    expect(typeof full.version).toBe("number");
  });
});

// A schema as AWS's registry publishes it; its envelope is the one lib/emulator/schemas/bundled.ts
// builds, so jscpd skips it.
// jscpd:ignore-start
const JSON_SCHEMA_DRAFT4 = JSON.stringify({
  $schema: "http://json-schema.org/draft-04/schema#",
  title: "OrderPlaced",
  type: "object",
  "x-amazon-events-source": "com.shop.orders",
  "x-amazon-events-detail-type": "Order Placed",
  required: ["detail-type", "resources", "detail", "id", "source", "time", "region", "version", "account"],
  properties: {
    account: { type: "string" },
    detail: { $ref: "#/definitions/Order" },
    "detail-type": { type: "string" },
    id: { type: "string" },
    region: { type: "string" },
    resources: { type: "array", items: { type: "string" } },
    source: { type: "string" },
    time: { type: "string", format: "date-time" },
    version: { type: "string" },
  },
  definitions: {
    Order: {
      type: "object",
      required: ["orderId", "status", "total", "items", "customer"],
      properties: {
        orderId: { type: "string", format: "uuid" },
        status: { type: "string", enum: ["PLACED", "PAID"] },
        total: { type: "number", minimum: 0, exclusiveMinimum: true },
        quantity: { type: "integer", minimum: 5, maximum: 10 },
        discount: { type: "number", maximum: 0.5 },
        currency: { type: "string", default: "EUR" },
        channel: { type: "string", example: "web" },
        code: { type: "string", minLength: 12, maxLength: 12 },
        items: { type: "array", minItems: 2, items: { $ref: "#/definitions/Item" } },
        customer: { $ref: "#/definitions/Customer" },
        placedAt: { type: "string" },
        note: { type: ["null", "string"] },
        flags: { allOf: [{ type: "object", properties: { gift: { type: "boolean" } } }, { type: "object", properties: { express: { type: "boolean" } } }] },
        payment: { oneOf: [{ type: "null" }, { type: "object", properties: { method: { type: "string", enum: ["card"] } } }] },
      },
    },
    Item: { type: "object", required: ["sku"], properties: { sku: { type: "string", const: "SKU-1" }, price: { type: "number" } } },
    Customer: {
      type: "object",
      properties: {
        email: { type: "string", format: "email" },
        ip: { type: "string", format: "ipv4" },
        homepage: { type: "string", format: "uri" },
        referredBy: { $ref: "#/definitions/Customer" },
      },
    },
  },
});
// jscpd:ignore-end

describe("sampleFromSchema on JSON Schema Draft 4 and edge cases", () => {
  it("follows $ref, enums, defaults, examples, formats, bounds, arrays, allOf/oneOf, and cuts cycles", () => {
    const sample = sampleFromSchema(JSON_SCHEMA_DRAFT4, { now: NOW });
    const event = JSON.parse(sample.event) as { detail: Record<string, unknown>; source: string; "detail-type": string };
    expect(sample).toMatchObject({ source: "com.shop.orders", detailType: "Order Placed" });
    expect(event.source).toBe("com.shop.orders");
    expect(event["detail-type"]).toBe("Order Placed");
    expect(() => readEvent(sample.event)).not.toThrow();
    expect(event.detail).toEqual({
      orderId: "3f2b8c1e-9d4a-4e6f-8b7c-2a1d0e9f8c7b",
      status: "PLACED",
      total: 100,
      quantity: 10,
      discount: 0.5,
      currency: "EUR",
      channel: "web",
      code: "example-code",
      items: [{ sku: "SKU-1", price: 100 }, { sku: "SKU-1", price: 100 }],
      customer: { email: "jane.doe@example.com", ip: "198.51.100.7", homepage: "https://example.com/resource" },
      placedAt: "2026-03-02T10:15:30Z",
      note: "example-note",
      flags: { gift: true, express: true },
      payment: { method: "card" },
    });
    expect(sample.warnings).toEqual(["detail.customer.referredBy: #/definitions/Customer refers to itself; cut short"]);
  });

  it("respects string lengths and exclusive bounds", () => {
    const schema = JSON.stringify({
      type: "object",
      properties: { short: { type: "string", maxLength: 3 }, long: { type: "string", minLength: 20 }, n: { type: "integer", minimum: 10, exclusiveMinimum: true }, m: { type: "number", exclusiveMaximum: 0 } },
    });
    const value = JSON.parse(sampleFromSchema(schema).event) as Record<string, unknown>;
    expect(value).toEqual({ short: "exa", long: "example-longxxxxxxxx", n: 11, m: -0.5 });
  });

  it("warns about references it cannot follow instead of failing", () => {
    const schema = JSON.stringify({ type: "object", required: ["a"], properties: { a: { $ref: "other.json#/X" }, b: { $ref: "#/definitions/Nope" } } });
    const sample = sampleFromSchema(schema);
    expect(JSON.parse(sample.event)).toEqual({ a: {}, b: {} });
    expect(sample.warnings).toEqual(["a: the external reference other.json#/X cannot be followed", "b: #/definitions/Nope points to nothing in the schema"]);
  });

  it("refuses content that is not a schema with a clear error", () => {
    const cases: [string, RegExp][] = [
      ["{oops", /^The schema is not valid JSON: /],
      ["[1, 2]", /^The schema must be a JSON object \(OpenAPI 3 or JSON Schema Draft 4\)\.$/],
      ['{"hello": "world"}', /^This is neither an OpenAPI 3 document/],
      ['{"openapi": "3.0.0", "paths": {}}', /^The OpenAPI document has no components\.schemas\.$/],
      ['{"openapi": "3.0.0", "components": {"schemas": {}}}', /^The OpenAPI document's components\.schemas is empty\.$/],
      ['{"openapi": "2.0", "components": {"schemas": {"A": {}}}}', /^OpenAPI 2\.0 is not supported/],
    ];
    for (const [content, message] of cases) {
      expect(() => sampleFromSchema(content)).toThrow(SchemaSampleError);
      expect(() => sampleFromSchema(content)).toThrow(message);
    }
  });

  it("handles deep nesting without overflowing", () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 40; i++) schema = { type: "object", required: ["n"], properties: { n: schema } };
    const sample = sampleFromSchema(JSON.stringify(schema));
    expect(sample.warnings[0]).toMatch(/nested deeper than 16 levels; cut short$/);
    expect(() => JSON.parse(sample.event)).not.toThrow();
  });
});
