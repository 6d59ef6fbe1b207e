import { describe, expect, it } from "vitest";
import { newCaptureName } from "./temporary-resources";

describe("newCaptureName", () => {
  it("makes names AWS accepts for a rule, a replay and a queue", () => {
    const name = newCaptureName();
    expect(name).toMatch(/^switchyard-capture-[a-z0-9]+-[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(newCaptureName()).not.toBe(name);
  });
});
