import { describe, expect, it } from "vitest";
import { formatBytes, isJson, isJsonObject } from "./format";

describe("formatBytes", () => {
  it("says bytes below 1 KB, then KB and MB with one decimal (1,024-based)", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1023)).toBe("1023 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(100 * 1024 * 1000)).toBe("97.7 MB");
  });
});

describe("isJson / isJsonObject", () => {
  it("accepts any JSON value, and only an object as an object", () => {
    expect(["{}", "[1]", '"s"', "2", "null"].map(isJson)).toEqual([true, true, true, true, true]);
    expect(["", "{", "{'a':1}", "undefined"].map(isJson)).toEqual([false, false, false, false]);
    expect(['{"a":1}', "[]", "null", '"{}"', "{"].map(isJsonObject)).toEqual([true, false, false, false, false]);
  });
});
