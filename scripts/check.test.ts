import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeDesignFile } from "../lib/graph";
import { paymentsDesign } from "../lib/lab/test-fixtures";

const dir = mkdtempSync(join(tmpdir(), "switchyard-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `npm run check`'s script as CI would. */
function check(...files: string[]): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/check.ts", ...files], { encoding: "utf8", cwd: join(import.meta.dirname, "..") });
  return { status: result.status, out: result.stdout + result.stderr };
}

describe("npm run check", () => {
  it("exits 0 with a ✓ per expectation when all hold, 1 with the reason when one breaks", () => {
    const good = file("good.switchyard.json", writeDesignFile(paymentsDesign()));
    const bad = file("bad.switchyard.json", writeDesignFile(paymentsDesign({ rewardsPattern: '{"source": ["demo.payments"], "detail": {"total_cost": [{"numeric": [">", 100]}]}}' })));
    const ok = check(good);
    expect(ok.status, ok.out).toBe(0);
    expect(ok.out).toContain('  rule payment-processed\n    ✓ "Payment Processed, total 242.58" matches, as expected\n    ✓ "Payment Processed, total 150" does not match, as expected');
    expect(ok.out).toContain('  kafka-topic customers\n    ✓ "Customer in WA (partition 0, offset 15)" matches, as expected');
    expect(ok.out).toMatch(/6 expectations checked, 0 broken\nall expectations hold\n$/);

    const broken = check(good, bad);
    expect(broken.status).toBe(1);
    expect(broken.out).toContain('    ✗ "Payment Processed, total 150" matches, expected no match\n        source is "demo.payments"; matches "demo.payments"\n        detail.total_cost is 150; matches > 100');
    expect(broken.out).toContain("6 expectations checked, 1 broken");
  }, 60_000);

  it("exits 1 for an invalid design and 2 for wrong arguments", () => {
    const notJson = file("broken.json", "{");
    const invalid = check(notJson, join(dir, "missing.json"));
    expect(invalid.status).toBe(1);
    expect(invalid.out).toMatch(/broken\.json\n  ✗ not a valid design:\n    \(file\): Not valid JSON/);
    expect(invalid.out).toMatch(/missing\.json\n  ✗ cannot read the file: ENOENT/);
    const usage = check();
    expect(usage.status).toBe(2);
    expect(usage.out).toContain("usage: npm run check -- <design.json>");
    expect(check("--nope").status).toBe(2);
  }, 60_000);
});
