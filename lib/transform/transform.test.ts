import { describe, expect, it } from "vitest";
import { renderTargetInput, TargetInputError, validateTargetInput, type InputTransformer } from ".";
import { parseJsonPath, selectJsonPath } from "./json-path";

const event = JSON.stringify({
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2015-11-11T21:29:54Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  detail: { "instance-id": "i-abcd1111", state: "pending", count: 3, tags: { env: "prod" }, say: 'a "quote"' },
});
const context = {
  ruleArn: "arn:aws:events:us-east-1:000000000000:rule/r1",
  ruleName: "r1",
  ingestionTime: "2026-11-23T10:00:00.000Z",
};

function transform(transformer: InputTransformer): string | undefined {
  validateTargetInput("t1", { inputTransformer: transformer });
  return renderTargetInput({ inputTransformer: transformer }, event, context);
}

function rejection(spec: Parameters<typeof validateTargetInput>[1]): string {
  try {
    validateTargetInput("t1", spec);
  } catch (error) {
    expect(error).toBeInstanceOf(TargetInputError);
    return (error as Error).message;
  }
  throw new Error("expected a TargetInputError");
}

describe("JSON paths", () => {
  it("reads fields, dashes, indexes and wildcards", () => {
    const doc = JSON.parse(event);
    expect(selectJsonPath(doc, parseJsonPath("$.detail.instance-id")!)).toBe("i-abcd1111");
    expect(selectJsonPath(doc, parseJsonPath("$.resources[0]")!)).toContain("instance/i-abcd1111");
    expect(selectJsonPath(doc, parseJsonPath("$.detail.tags.*")!)).toEqual(["prod"]);
    expect(selectJsonPath(doc, parseJsonPath("$.detail.missing")!)).toBeUndefined();
    expect(selectJsonPath(doc, parseJsonPath("$")!)).toEqual(doc);
  });

  it("rejects what AWS does not support", () => {
    for (const bad of ["detail", "$..x", "$.a[", "$['a']", "$.a b"]) expect(parseJsonPath(bad)).toBeUndefined();
  });
});

describe("renderTargetInput", () => {
  it("delivers the matched event unchanged without input settings", () => {
    expect(renderTargetInput({}, event, context)).toBe(event);
  });

  it("delivers a constant Input as written", () => {
    expect(renderTargetInput({ input: '{"fixed": true}' }, event, context)).toBe('{"fixed": true}');
  });

  it("delivers the part an InputPath selects, nothing when it selects nothing", () => {
    expect(JSON.parse(renderTargetInput({ inputPath: "$.detail.tags" }, event, context)!)).toEqual({ env: "prod" });
    expect(renderTargetInput({ inputPath: "$.detail.nope" }, event, context)).toBeUndefined();
  });

  it("fills a JSON template: values as JSON outside strings, as escaped text inside", () => {
    const out = transform({
      inputPathsMap: { id: "$.detail.instance-id", n: "$.detail.count", tags: "$.detail.tags", say: "$.detail.say" },
      inputTemplate: '{"instance": <id>, "n": <n>, "tags": <tags>, "text": "<id> has <n>", "quoted": "<say>", "obj": "<tags>"}',
    });
    expect(JSON.parse(out!)).toEqual({
      instance: "i-abcd1111",
      n: 3,
      tags: { env: "prod" },
      text: "i-abcd1111 has 3",
      quoted: 'a "quote"',
      obj: '{"env":"prod"}',
    });
  });

  it("fills a string template with raw text and keeps its quotes", () => {
    const out = transform({
      inputPathsMap: { id: "$.detail.instance-id", state: "$.detail.state" },
      inputTemplate: '"<id> is in state <state>"',
    });
    expect(out).toBe('"i-abcd1111 is in state pending"');
  });

  it("provides the reserved variables", () => {
    const out = transform({
      inputTemplate:
        '{"arn": "<aws.events.rule-arn>", "name": <aws.events.rule-name>, "at": "<aws.events.event.ingestion-time>", "env": <aws.events.event>, "all": <aws.events.event.json>}',
    });
    const parsed = JSON.parse(out!);
    expect(parsed.arn).toBe(context.ruleArn);
    expect(parsed.name).toBe("r1");
    expect(parsed.at).toBe(context.ingestionTime);
    expect(parsed.env.detail).toBeUndefined();
    expect(parsed.env.detailType).toBe("EC2 Instance State-change Notification");
    expect(parsed.all).toEqual(JSON.parse(event));
  });

  it("fills a missing value with an empty string", () => {
    expect(transform({ inputPathsMap: { x: "$.detail.none" }, inputTemplate: '{"x": <x>, "y": "[<x>]"}' })).toBe(
      '{"x": "", "y": "[]"}',
    );
  });
});

describe("validateTargetInput (PutTargets errors)", () => {
  it("allows only one input kind", () => {
    expect(rejection({ input: "{}", inputPath: "$" })).toBe(
      "Only one of Input, InputPath, or InputTransformer must be provided for target t1.",
    );
  });

  it("rejects an Input that is not JSON and a bad InputPath", () => {
    expect(rejection({ input: "{nope" })).toBe("Input for target t1 is not a valid JSON text.");
    expect(rejection({ inputPath: "detail" })).toBe("InputPath for target t1 is not a valid JSON path: detail");
  });

  it("rejects unknown placeholders", () => {
    expect(rejection({ inputTransformer: { inputPathsMap: { a: "$.a" }, inputTemplate: '"<a> <b>"' } })).toBe(
      "InputTemplate for target t1 contains invalid placeholder b.",
    );
  });

  it("allows 100 variables and rejects 101", () => {
    const map = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, `$.detail.v${i}`]));
    expect(() => validateTargetInput("t1", { inputTransformer: { inputPathsMap: map(100), inputTemplate: '"<v99>"' } })).not.toThrow();
    expect(rejection({ inputTransformer: { inputPathsMap: map(101), inputTemplate: '"x"' } })).toBe(
      "InputPathsMap for target t1 has 101 entries; at most 100 are allowed.",
    );
  });

  it("rejects reserved keys, bad keys and bad paths in InputPathsMap", () => {
    expect(rejection({ inputTransformer: { inputPathsMap: { "aws.events.rule-arn": "$.a" }, inputTemplate: '"x"' } })).toBe(
      "InputPathsMap for target t1 contains reserved key aws.events.rule-arn.",
    );
    expect(rejection({ inputTransformer: { inputPathsMap: { "a b": "$.a" }, inputTemplate: '"x"' } })).toBe(
      "InputPathsMap for target t1 contains invalid key a b.",
    );
    expect(rejection({ inputTransformer: { inputPathsMap: { a: "a.b" }, inputTemplate: '"x"' } })).toBe(
      "InputPathsMap for target t1 contains invalid JSON path a.b for key a.",
    );
  });

  it("allows the whole-event variables only as JSON values of a JSON template", () => {
    const message = "InputTemplate for target t1 contains placeholder aws.events.event.json valid only for JSON template.";
    expect(rejection({ inputTransformer: { inputTemplate: '"<aws.events.event.json>"' } })).toBe(message);
    expect(rejection({ inputTransformer: { inputTemplate: '{"e": "<aws.events.event.json>"}' } })).toBe(message);
  });

  it("rejects placeholders as keys, invalid JSON templates and empty templates", () => {
    expect(rejection({ inputTransformer: { inputPathsMap: { a: "$.a" }, inputTemplate: '{"<a>": 1}' } })).toBe(
      "InputTemplate for target t1 uses placeholder a as an object key.",
    );
    expect(rejection({ inputTransformer: { inputPathsMap: { a: "$.a" }, inputTemplate: '{"a": <a>,}' } })).toBe(
      "InputTemplate for target t1 is not valid JSON once its placeholders are filled in.",
    );
    expect(rejection({ inputTransformer: { inputTemplate: "" } })).toBe(
      "InputTemplate for target t1 must be between 1 and 8192 characters long.",
    );
  });
});
