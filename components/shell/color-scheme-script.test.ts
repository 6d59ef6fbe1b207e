import { describe, expect, it } from "vitest";
import { COLOR_SCHEME_SCRIPT, COLOR_SCHEME_STORAGE_KEY } from "./color-scheme-script";

/** Runs the inline script against a stored choice and a system setting; says whether <html> got `dark`. */
function run(stored: string | null | Error, systemDark: boolean): boolean {
  const classes = new Set<string>();
  const localStorage = {
    getItem(key: string) {
      if (stored instanceof Error) throw stored;
      return key === COLOR_SCHEME_STORAGE_KEY ? stored : null;
    },
  };
  const window = { matchMedia: (query: string) => ({ matches: systemDark && query === "(prefers-color-scheme: dark)" }) };
  const document = {
    documentElement: { classList: { toggle: (name: string, on: boolean) => (on ? classes.add(name) : classes.delete(name)) } },
  };
  new Function("localStorage", "window", "document", COLOR_SCHEME_SCRIPT)(localStorage, window, document);
  return classes.has("dark");
}

describe("the pre-paint colour scheme script", () => {
  it("follows a stored choice over the system setting", () => {
    expect(run("dark", false)).toBe(true);
    expect(run("light", true)).toBe(false);
  });

  it("follows the system without a choice, or with one it does not know", () => {
    expect(run(null, true)).toBe(true);
    expect(run(null, false)).toBe(false);
    expect(run("purple", true)).toBe(true);
  });

  it("falls back to the system when storage is blocked", () => {
    expect(run(new Error("SecurityError"), true)).toBe(true);
    expect(run(new Error("SecurityError"), false)).toBe(false);
  });
});
