import { describe, expect, it } from "vitest";
import { renderTargetInput, TargetInputError, UndeliverableInputError, validateTargetInput } from ".";
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

const DOC = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html";
const API = "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html";

/**
 * The EC2 event of the examples on the input-transformation page, with the values AWS was observed
 * to render in LocalStack's AWS-validated transformer tests (tests/aws/services/events/
 * test_events_inputs.py, recorded against AWS 2024-12 and 2025-10): a one-item list, a two-item
 * list, an object and a boolean.
 */
const docEvent = JSON.stringify({
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2015-11-11T21:29:54Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  detail: {
    "instance-id": "i-0123456789",
    state: "RUNNING",
    payload: { acc_id: "0a787ecb-4015", sf_id: "baz" },
    listsingle: ["HIGH"],
    listmulti: ["ACTIVE", "INACTIVE"],
    valid: true,
    count: 3,
    nothing: null,
    say: 'a "quote"',
    lines: "one\ntwo",
  },
});
const docContext = {
  ruleArn: "arn:aws:events:us-east-2:123456789012:rule/example",
  ruleName: "example",
  ingestionTime: "2015-11-11T21:29:55Z",
};
const docPaths = {
  timestamp: "$.time",
  instance: "$.detail.instance-id",
  state: "$.detail.state",
  payload: "$.detail.payload",
  listsingle: "$.detail.listsingle",
  listmulti: "$.detail.listmulti",
  valid: "$.detail.valid",
  count: "$.detail.count",
  nothing: "$.detail.nothing",
  absent: "$.detail.awsAccountId",
  say: "$.detail.say",
  lines: "$.detail.lines",
};

/** What the target receives for `inputTemplate` over the documentation's event (validated as PutTargets would first). */
function docTransform(inputTemplate: string): string | undefined {
  const inputTransformer = { inputPathsMap: docPaths, inputTemplate };
  validateTargetInput("t1", { inputTransformer });
  return renderTargetInput({ inputTransformer }, docEvent, docContext);
}

function undeliverable(inputTemplate: string): string {
  try {
    docTransform(inputTemplate);
  } catch (error) {
    expect(error).toBeInstanceOf(UndeliverableInputError);
    return (error as Error).message;
  }
  throw new Error("expected an UndeliverableInputError");
}

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
});

describe(`input transformer examples (${DOC}#eb-transform-input-examples)`, () => {
  it("Simple string: the text between the quotes, quotes kept", () => {
    expect(docTransform('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });

  it("String with escaped quotes: the template's own escapes are delivered as written", () => {
    expect(docTransform('"instance \\"<instance>\\" is in <state>"')).toBe('"instance \\"i-0123456789\\" is in RUNNING"');
  });

  it("Simple JSON: a string variable outside quotes gets its quotes", () => {
    expect(docTransform('{\n  "instance" : <instance>,\n  "state": <state>\n}')).toBe('{\n  "instance" : "i-0123456789",\n  "state": "RUNNING"\n}');
  });

  it("JSON with strings and variables: inside quotes a variable is its text", () => {
    const out = docTransform('{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>"}');
    expect(JSON.parse(out!)).toEqual({ instance: "i-0123456789", state: "RUNNING", instanceStatus: 'instance "i-0123456789" is in RUNNING' });
  });

  it("JSON with a mix of variables and static information", () => {
    const out = docTransform('{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}');
    expect(JSON.parse(out!)).toEqual({ instance: "i-0123456789", state: [9, "RUNNING", true], Transformed: "Yes" });
  });

  it("Including reserved variables in JSON: rule ARN and name as strings, the event as an object", () => {
    const out = docTransform('{"ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "originalEvent" : <aws.events.event>}');
    const parsed = JSON.parse(out!);
    expect(parsed.ruleArn).toBe("arn:aws:events:us-east-2:123456789012:rule/example");
    expect(parsed.ruleName).toBe("example");
    expect(parsed.originalEvent.detailType).toBe("EC2 Instance State-change Notification");
  });

  it("Including reserved variables in a string", () => {
    expect(docTransform('"<aws.events.rule-name> triggered"')).toBe('"example triggered"');
  });
});

describe(`predefined variables (${DOC}#eb-transform-input-predefined)`, () => {
  it("aws.events.event is the event without detail, detail-type spelled detailType, in AWS's key order", () => {
    const envelope = JSON.parse(docTransform('{"e": <aws.events.event>}')!).e;
    expect(Object.keys(envelope)).toEqual(["id", "account", "detailType", "time", "source", "region", "resources", "version"]);
    expect(envelope.detail).toBeUndefined();
  });

  it("aws.events.event.json is the whole event, detail included", () => {
    expect(JSON.parse(docTransform('{"e": <aws.events.event.json>}')!).e).toEqual(JSON.parse(docEvent));
  });

  it("aws.events.event.ingestion-time is when the bus received the event, in strings and as a value", () => {
    expect(docTransform('"at <aws.events.event.ingestion-time>"')).toBe('"at 2015-11-11T21:29:55Z"');
    expect(JSON.parse(docTransform('{"at": <aws.events.event.ingestion-time>}')!)).toEqual({ at: "2015-11-11T21:29:55Z" });
  });
});

describe(`common issues with transforming input (${DOC}#eb-transform-input-issues)`, () => {
  it("a variable whose path is not in the event is empty: nothing in a string, an empty string as a JSON value", () => {
    expect(docTransform('"<absent> system account id"')).toBe('" system account id"');
    expect(docTransform('{"id": <absent>, "text": "[<absent>]"}')).toBe('{"id": "", "text": "[]"}');
  });

  it("in a string template an object or array is written without its quotes", () => {
    expect(docTransform('"<listsingle> single list item"')).toBe('"[HIGH] single list item"');
    expect(docTransform('"<listmulti> multiple list items"')).toBe('"[ACTIVE,INACTIVE] multiple list items"');
    expect(docTransform('"Payload of <payload> with path users/<instance>"')).toBe('"Payload of {acc_id:0a787ecb-4015,sf_id:baz} with path users/i-0123456789"');
  });

  it("a JSON value that is an object or array is inserted as JSON, without quotes around it", () => {
    const out = docTransform('{"bod": <payload>, "single": <listsingle>, "ids": [<instance>, "hardcoded"]}');
    expect(JSON.parse(out!)).toEqual({ bod: { acc_id: "0a787ecb-4015", sf_id: "baz" }, single: ["HIGH"], ids: ["i-0123456789", "hardcoded"] });
  });

  it("numbers, booleans and null are their JSON text, in strings and as values", () => {
    expect(docTransform('"Command is <valid>! <count> of <nothing>"')).toBe('"Command is true! 3 of null"');
    expect(JSON.parse(docTransform('{"valid": <valid>, "count": <count>, "nothing": <nothing>, "text": "<count>"}')!)).toEqual({
      valid: true,
      count: 3,
      nothing: null,
      text: "3",
    });
  });

  it("a variable may be used several times", () => {
    expect(JSON.parse(docTransform('{"multi": "users/<instance>/second/<instance>"}')!)).toEqual({ multi: "users/i-0123456789/second/i-0123456789" });
  });

  it("multi-line text output: each line quoted, delivered as written", () => {
    expect(docTransform('"<listsingle> single list item"\n"<listmulti> multiple list items"\n"<absent> system account id"')).toBe(
      '"[HIGH] single list item"\n"[ACTIVE,INACTIVE] multiple list items"\n" system account id"',
    );
  });

  it("a string template is not JSON-checked: what does not start and end with braces is delivered as text", () => {
    expect(docTransform('"{[/Check with special starting characters for <instance>"')).toBe('"{[/Check with special starting characters for i-0123456789"');
    expect(docTransform("<instance> is in state <state>")).toBe("i-0123456789 is in state RUNNING");
  });

  it("values are not escaped inside quotes: an object or array there makes the JSON invalid, and AWS delivers nothing", () => {
    expect(undeliverable('{"payload": "<payload>"}')).toContain('Result: {"payload": "{"acc_id":"0a787ecb-4015","sf_id":"baz"}"}');
    expect(undeliverable('{"singlelistitem": "<listsingle>"}')).toContain("is not valid JSON");
    expect(undeliverable('{"not_valid": "users-service/users/<payload>", "bod": <payload>}')).toContain("AWS does not deliver it");
  });

  it("values are not escaped inside quotes: a quote or a line break in the text makes the JSON invalid", () => {
    expect(undeliverable('{"said": "<say>"}')).toContain('Result: {"said": "a "quote""}');
    expect(undeliverable('{"text": "<lines>"}')).toContain("is not valid JSON");
  });

  it("as a JSON value a string is quoted and escaped, so quotes and line breaks arrive intact", () => {
    expect(JSON.parse(docTransform('{"said": <say>, "text": <lines>}')!)).toEqual({ said: 'a "quote"', text: "one\ntwo" });
  });

  it("in a string template text is inserted as it is, quotes and line breaks included", () => {
    expect(docTransform('"<say> on <lines>"')).toBe('"a "quote" on one\ntwo"');
  });
});

describe(`validateTargetInput: PutTargets errors (${API})`, () => {
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

  it("accepts InputPathsMap keys of letters, digits, _ and - up to 256 characters, and paths up to 256", () => {
    const key = "k".repeat(256);
    expect(() => validateTargetInput("t1", { inputTransformer: { inputPathsMap: { [key]: "$.a", "A_b-9": "$.b" }, inputTemplate: `"<${key}> <A_b-9>"` } })).not.toThrow();
    expect(rejection({ inputTransformer: { inputPathsMap: { [`${key}k`]: "$.a" }, inputTemplate: '"x"' } })).toBe(
      `InputPathsMap for target t1 contains invalid key ${key}k.`,
    );
    const longPath = `$.${"a".repeat(255)}`;
    expect(rejection({ inputTransformer: { inputPathsMap: { a: longPath }, inputTemplate: '"x"' } })).toBe(
      `InputPathsMap for target t1 contains invalid JSON path ${longPath} for key a.`,
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
    expect(rejection({ inputTransformer: { inputTemplate: `"${"x".repeat(8191)}"` } })).toBe(
      "InputTemplate for target t1 must be between 1 and 8192 characters long.",
    );
  });
});
