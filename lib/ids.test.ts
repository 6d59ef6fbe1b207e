import { describe, expect, it } from "vitest";
import { idLowerBound, isId, newId, newIdSequence } from "./ids";

describe("newId", () => {
  it("prefixes ids with their kind and validates them", () => {
    const id = newId("design");
    expect(id).toMatch(/^dsn_/);
    expect(isId("design", id)).toBe(true);
    expect(isId("design", "dsn_short")).toBe(false);
    expect(isId("design", id.replace("dsn_", "rul_"))).toBe(false);
  });

  it("sorts by creation time", () => {
    const earlier = newId("design", 1_700_000_000_000);
    const later = newId("design", 1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });

  it("does not repeat", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId("design", 0)));
    expect(ids.size).toBe(1000);
  });
});

describe("newIdSequence", () => {
  it("mints valid ids that sort in the order given, after earlier ids", () => {
    const ids = newIdSequence("busEvent", 50, 1_700_000_000_000);
    expect(ids.every((id) => isId("busEvent", id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
    expect(newId("busEvent", 1_699_999_999_999) < ids[0]).toBe(true);
  });
});

describe("idLowerBound", () => {
  it("splits ids by the time they were minted", () => {
    const at = 1_700_000_000_000;
    expect(idLowerBound("busEvent", at) <= newId("busEvent", at)).toBe(true);
    expect(newId("busEvent", at - 1) < idLowerBound("busEvent", at)).toBe(true);
    expect(newId("busEvent", at) < idLowerBound("busEvent", at + 1)).toBe(true);
  });
});
