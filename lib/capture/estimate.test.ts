import { describe, expect, it } from "vitest";
import { captureCost, validateWindow } from "./estimate";

describe("captureCost", () => {
  it("counts replayed events per 64 KB chunk and SQS requests per message and per 10", () => {
    const small = captureCost(1_000_000, 1_000_000 * 2048);
    expect(small.replayCostUsd).toBeCloseTo(1.0, 10);
    expect(small.sqsRequests).toBe(1_000_000 + 200_000 + 10);
    expect(small.sqsCostUsd).toBeCloseTo((1_200_010 * 0.4) / 1e6, 10);
    expect(small.totalCostUsd).toBeCloseTo(small.replayCostUsd + small.sqsCostUsd, 10);
    // 100 KB events are two chunks each: twice the replay charge and twice the sends.
    const large = captureCost(1000, 1000 * 100 * 1024);
    expect(large.replayCostUsd).toBeCloseTo(2000 / 1e6, 12);
    expect(large.sqsRequests).toBe(2000 + 200 + 10);
    expect(large.costText).toMatch(/up to 1,000 events \(97\.7 MB\)/);
  });
  it("states an empty archive costs next to nothing", () => {
    const none = captureCost(0, 0);
    expect(none.replayCostUsd).toBe(0);
    expect(none.costText).toMatch(/up to 0 events \(0 bytes\) costs about \$0\.0000/);
  });
});

describe("validateWindow", () => {
  it("rejects reversed, empty and future windows", () => {
    const now = Date.now();
    expect(() => validateWindow({ from: new Date(now - 1000), to: new Date(now - 2000) })).toThrow(/before/);
    expect(() => validateWindow({ from: new Date(now - 1000), to: new Date(now - 1000) })).toThrow(/before/);
    expect(() => validateWindow({ from: new Date(now - 1000), to: new Date(now + 3_600_000) })).toThrow(/future/);
    expect(() => validateWindow({ from: new Date("nope"), to: new Date(now) })).toThrow(/from must be a date/);
    expect(() => validateWindow({ from: new Date(now - 2000), to: new Date(now - 1000) })).not.toThrow();
  });
});
