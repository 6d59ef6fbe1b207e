import { describe, expect, it } from "vitest";
import { previewPayload, targetInputSpec } from "./transform-preview";

const event = JSON.stringify({ version: "0", id: "1", "detail-type": "Payment", source: "demo.payments", account: "123456789012", time: "2026-01-01T00:00:00Z", region: "us-east-1", resources: [], detail: { total: 150, who: 'a "quoted" name' } });

describe("target input preview", () => {
  it("maps each input mode to the AWS Target fields", () => {
    expect(targetInputSpec({ type: "matched-event" })).toEqual({});
    expect(targetInputSpec({ type: "input-path", inputPath: "$.detail" })).toEqual({ inputPath: "$.detail" });
    expect(targetInputSpec({ type: "constant", input: "{}" })).toEqual({ input: "{}" });
    expect(targetInputSpec({ type: "input-transformer", inputPathsMap: { a: "$.source" }, inputTemplate: "<a>" })).toEqual({
      inputTransformer: { inputPathsMap: { a: "$.source" }, inputTemplate: "<a>" },
    });
  });

  it("renders what the target receives, with the rule's name in reserved variables", () => {
    expect(previewPayload({ type: "matched-event" }, event, "r")).toEqual({ ok: true, payload: event });
    expect(previewPayload({ type: "input-path", inputPath: "$.detail.total" }, event, "r")).toEqual({ ok: true, payload: "150" });
    const transformed = previewPayload({ type: "input-transformer", inputPathsMap: { who: "$.detail.who" }, inputTemplate: '{"who": <who>, "rule": "<aws.events.rule-name>"}' }, event, "my-rule");
    expect(transformed.ok && JSON.parse(transformed.payload!)).toEqual({ who: 'a "quoted" name', rule: "my-rule" });
  });

  it("answers AWS's error for an invalid input instead of throwing", () => {
    const reserved = previewPayload({ type: "input-transformer", inputPathsMap: { "aws.events.rule-name": "$.source" }, inputTemplate: "<x>" }, event, "r");
    expect(reserved.ok).toBe(false);
    const badConstant = previewPayload({ type: "constant", input: "{not json" }, event, "r");
    expect(badConstant).toEqual({ ok: false, message: "Input for target lab-target is not a valid JSON text." });
    const badPath = previewPayload({ type: "input-path", inputPath: "detail" }, event, "r");
    expect(badPath.ok).toBe(false);
  });

  it("says why AWS would deliver nothing when the filled-in JSON template is not JSON", () => {
    // A value inside quotes goes in unescaped: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html#eb-transform-input-issues
    const broken = previewPayload({ type: "input-transformer", inputPathsMap: { who: "$.detail.who" }, inputTemplate: '{"who": "<who>"}' }, event, "r");
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toContain('so AWS does not deliver it');
    expect(!broken.ok && broken.message).toContain('Result: {"who": "a "quoted" name"}');
  });
});
