/**
 * Validation profiles of the Custom Event Bus's subscriber filters, from
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-filtering.html:
 * "Subscriber filters do not support wildcard matching"; "DATA filters support every event
 * pattern operator except wildcards"; "METADATA filters match exact values only: each value in
 * the pattern must be a JSON array of exact values, and operators such as prefix, numeric,
 * exists, and $or are not supported"; SYSTEM_METADATA "supports every event pattern operator
 * except wildcards".
 */
import { describe, expect, it } from "vitest";
import { METADATA_FILTER_PROFILE, PIPE_FILTER_PROFILE, SUBSCRIBER_FILTER_PROFILE, validatePattern } from "./index";

const data = (pattern: string) => validatePattern(pattern, { profile: SUBSCRIBER_FILTER_PROFILE });
const metadata = (pattern: string) => validatePattern(pattern, { profile: METADATA_FILTER_PROFILE });

describe("subscriber filter profile (DATA, SYSTEM_METADATA)", () => {
  it("accepts the documented DATA example and every non-wildcard operator", () => {
    expect(data('{"detail":{"amount":[{"numeric":[">",500]}]}}').valid).toBe(true);
    for (const pattern of [
      '{"detail":{"id":[{"prefix":"ord-"}]}}',
      '{"detail":{"id":[{"suffix":".png"}]}}',
      '{"detail":{"id":[{"exists":true}]}}',
      '{"detail":{"id":[{"anything-but":["x"]}]}}',
      '{"detail":{"ip":[{"cidr":"10.0.0.0/8"}]}}',
      '{"$or":[{"source":["a"]},{"detail-type":["b"]}]}',
      '{"aws:DeliveryType":["REPLAY"]}',
    ]) {
      expect(data(pattern), pattern).toMatchObject({ valid: true, problems: [] });
    }
  });

  it("refuses the wildcard operator, in anything-but too, with where it is", () => {
    const text = '{"detail":{"key":[{"wildcard":"orders/*.json"}]}}';
    const result = data(text);
    expect(result.valid).toBe(false);
    expect(result.compiled).toBeUndefined();
    expect(result.problems).toEqual([
      { code: "not-in-profile", path: ["detail", "key"], offset: text.indexOf("[{"), message: "detail.key: the wildcard operator is not supported in subscriber filters" },
    ]);
    expect(data('{"detail":{"key":[{"anything-but":{"wildcard":"tmp/*"}}]}}').problems[0]?.message).toBe("detail.key: the wildcard operator is not supported in subscriber filters");
  });

  it("reports AWS's own reason first when the pattern is not valid at all", () => {
    expect(data('{"detail":{"key":["a",]}}').problems[0]?.code).toBe("syntax");
  });

  it("leaves validation without a profile unchanged (a Classic rule may use wildcards)", () => {
    expect(validatePattern('{"detail":{"key":[{"wildcard":"orders/*"}]}}').valid).toBe(true);
  });
});

describe("METADATA filter profile: exact values only", () => {
  it("accepts arrays of exact values", () => {
    expect(metadata('{"tenant":["acme","globex"],"region":["eu"]}')).toMatchObject({ valid: true, problems: [] });
  });

  it.each([
    ["prefix", '{"tenant":[{"prefix":"ac"}]}', "tenant: the prefix operator is not supported in a METADATA filter, which matches exact values only"],
    ["numeric", '{"priority":[{"numeric":[">",5]}]}', "priority: the numeric operator is not supported in a METADATA filter, which matches exact values only"],
    ["exists", '{"tenant":[{"exists":true}]}', "tenant: the exists operator is not supported in a METADATA filter, which matches exact values only"],
    ["anything-but", '{"tenant":[{"anything-but":["acme"]}]}', "tenant: the anything-but (values) operator is not supported in a METADATA filter, which matches exact values only"],
    ["wildcard", '{"tenant":[{"wildcard":"a*"}]}', "tenant: the wildcard operator is not supported in a METADATA filter, which matches exact values only"],
  ])("refuses %s", (_, pattern, message) => {
    expect(metadata(pattern).problems.map((p) => p.message)).toEqual([message]);
  });

  it("refuses $or at its key", () => {
    const text = '{"$or":[{"tenant":["acme"]},{"region":["eu"]}]}';
    expect(metadata(text).problems).toEqual([{ code: "not-in-profile", path: ["$or"], offset: text.indexOf('"$or"'), message: "$or is not supported in a METADATA filter, which matches exact values only" }]);
  });
});

/**
 * The "Pipe support" column of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html.
 */
describe("pipe filter profile", () => {
  const pipe = (pattern: string) => validatePattern(pattern, { profile: PIPE_FILTER_PROFILE });

  it("accepts the operators the table marks Yes for pipes", () => {
    for (const pattern of [
      '{"body":{"status":["PAID"]}}',
      '{"body":{"status":[{"anything-but":["NEW","VOID"]}]}}',
      '{"body":{"region":[{"prefix":"us-"}]}}',
      '{"body":{"service":[{"prefix":{"equals-ignore-case":"eventb"}}]}}',
      '{"body":{"file":[{"suffix":".png"}]}}',
      '{"body":{"name":[{"equals-ignore-case":"alice"}]}}',
      '{"body":{"amount":[{"numeric":[">",0,"<=",100]}]}}',
      '{"body":{"ip":[{"cidr":"10.0.0.0/24"}]}}',
      '{"body":{"id":[{"exists":false}]}}',
      '{"body":{"last":[""]}}',
      '{"$or":[{"body":{"a":["x"]}},{"body":{"b":["y"]}}]}',
    ]) {
      expect(pipe(pattern), pattern).toMatchObject({ valid: true, problems: [] });
    }
  });

  it("refuses the operators the table marks No for pipes, naming field and operator", () => {
    const refused: [string, string][] = [
      ['{"body":{"region":[{"anything-but":{"prefix":"us-"}}]}}', "body.region: the anything-but (prefix) operator is not supported in EventBridge Pipes filters"],
      ['{"body":{"file":[{"anything-but":{"suffix":".png"}}]}}', "body.file: the anything-but (suffix) operator is not supported in EventBridge Pipes filters"],
      ['{"body":{"state":[{"anything-but":{"equals-ignore-case":"x"}}]}}', "body.state: the anything-but (equals-ignore-case) operator is not supported in EventBridge Pipes filters"],
      ['{"body":{"path":[{"anything-but":{"wildcard":"*/lib/*"}}]}}', "body.path: the anything-but (wildcard) operator is not supported in EventBridge Pipes filters"],
      ['{"body":{"path":[{"wildcard":"dir/*.png"}]}}', "body.path: the wildcard operator is not supported in EventBridge Pipes filters"],
    ];
    for (const [pattern, message] of refused) {
      const result = pipe(pattern);
      expect(result.valid, pattern).toBe(false);
      expect(result.problems.map((p) => p.message)).toEqual([message]);
    }
  });
});
