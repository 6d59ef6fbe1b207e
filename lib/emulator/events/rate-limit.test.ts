import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("lets `limit` calls through per second per key, then says how long to wait", () => {
    const limiter = new RateLimiter();
    const t = 10_000_250;
    expect([0, 1, 2].map(() => limiter.delayFor("a", 2, t))).toEqual([0, 0, 750]);
    expect(limiter.delayFor("b", 2, t)).toBe(0);
    expect(limiter.delayFor("a", 2, t + 750)).toBe(0);
  });

  it("does not limit without a rate", () => {
    const limiter = new RateLimiter();
    expect(Array.from({ length: 100 }, () => limiter.delayFor("a", undefined)).every((d) => d === 0)).toBe(true);
  });
});
