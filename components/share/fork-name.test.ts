import { describe, expect, it } from "vitest";
import { forkName } from "./fork-name";

describe("fork name", () => {
  it("marks a fork as such, and numbers later forks of the same design", () => {
    expect(forkName("Orders", new Set(["Orders"]))).toBe("Orders (fork)");
    expect(forkName("Orders", new Set(["Orders", "Orders (fork)"]))).toBe("Orders (fork 2)");
    expect(forkName("Orders", new Set(["Orders (fork)", "Orders (fork 2)"]))).toBe("Orders (fork 3)");
  });

  it("names an unnamed design, and keeps a long name within the 120 characters a design name may have", () => {
    expect(forkName("  ", new Set())).toBe("Shared design (fork)");
    const long = forkName("x".repeat(120), new Set());
    expect(long).toHaveLength(120);
    expect(long.endsWith(" (fork)")).toBe(true);
  });
});
