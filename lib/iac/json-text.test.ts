import { describe, expect, it } from "vitest";
import { canonicalPattern } from "./json-text";
import { RawJson, writeJsonTree, writeYamlTree } from "./template-tree";

describe("canonicalPattern", () => {
  it("sorts keys at every level and keeps arrays and number lexemes exactly", () => {
    const pattern = canonicalPattern('{"source": ["b", "a"], "detail": {"z": [1.50e2, -0], "a": [{"numeric": [">", 0.10000000000000000001]}]}, "$or": [{"y": [1]}, {"x": [2]}]}');
    expect(pattern.compact).toBe('{"$or":[{"y":[1]},{"x":[2]}],"detail":{"a":[{"numeric":[">",0.10000000000000000001]}],"z":[1.50e2,-0]},"source":["b","a"]}');
    expect(JSON.parse(pattern.pretty)).toEqual(JSON.parse(pattern.compact));
    expect(pattern.pretty.split("\n")[1]).toBe('  "$or": [');
  });

  it("gives the same text whatever the input's formatting and key order", () => {
    const a = canonicalPattern('{"source":["com.shop"],"detail-type":["OrderPlaced"]}');
    const b = canonicalPattern('{\n  "detail-type": [ "OrderPlaced" ],\n  "source": [ "com.shop" ]\n}');
    expect(b.pretty).toBe(a.pretty);
  });

  it("flags patterns over the 2,048-character default quota by their canonical length", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `"v${String(i).padStart(4, "0")}"`).join(",");
    // {"source":[ + n values of 7 characters + (n - 1) commas + ]}: 8n + 12 characters.
    const under = canonicalPattern(`{"source": [${values(254)}]}`);
    const over = canonicalPattern(`{"source": [${values(255)}]}`);
    expect([under.compact.length, under.overQuota]).toEqual([2044, false]);
    expect([over.compact.length, over.overQuota]).toEqual([2052, true]);
  });
});

describe("template writers", () => {
  const tree = {
    Plain: "arn:aws:sqs:eu-west-1:111122223333:q",
    Colon: "ends with:",
    Word: "yes",
    Digits: "123456789012",
    Intrinsics: [{ Ref: "Param" }, { "Fn::GetAtt": ["Rule", "Arn"] }, { "Fn::Sub": "arn:${AWS::Partition}:x" }],
    Pattern: new RawJson('{\n  "a": [1.0]\n}'),
  };

  it("quotes YAML scalars that would read as something else, and prints intrinsics in short form", () => {
    const yaml = writeYamlTree(tree);
    expect(yaml).toContain("Plain: arn:aws:sqs:eu-west-1:111122223333:q\n");
    expect(yaml).toContain('Colon: "ends with:"\n');
    expect(yaml).toContain('Word: "yes"\n');
    expect(yaml).toContain('Digits: "123456789012"\n');
    expect(yaml).toContain('  - !Ref Param\n  - !GetAtt Rule.Arn\n  - !Sub "arn:${AWS::Partition}:x"\n');
    expect(yaml).toContain('Pattern:\n  {\n    "a": [1.0]\n  }\n');
  });

  it("embeds raw pattern JSON in the JSON template with its lexemes", () => {
    const json = writeJsonTree(tree);
    expect(json).toContain('"Pattern": {\n    "a": [1.0]\n  }');
    expect(JSON.parse(json).Pattern).toEqual({ a: [1] });
  });
});
