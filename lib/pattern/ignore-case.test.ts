import { describe, expect, it } from "vitest";
import { endsWithIgnoreCase, equalsIgnoreCase, startsWithIgnoreCase } from "./ignore-case";

describe("per-code-point case folding", () => {
  it("folds ASCII both ways", () => {
    expect(equalsIgnoreCase("EC2 Instance", "ec2 instance")).toBe(true);
    expect(equalsIgnoreCase("abc", "ABD")).toBe(false);
    expect(equalsIgnoreCase("abc", "abcd")).toBe(false);
    expect(equalsIgnoreCase("k", "\u212a")).toBe(false); // Kelvin sign is not a spelling of k in the pattern
  });
  it("lets a pattern code point expand (ß → SS) but never contracts", () => {
    expect(equalsIgnoreCase("straße", "STRASSE")).toBe(true);
    expect(equalsIgnoreCase("straße", "straße")).toBe(true);
    expect(equalsIgnoreCase("straße", "strasse")).toBe(false);
    expect(equalsIgnoreCase("STRASSE", "straße")).toBe(false);
    expect(equalsIgnoreCase("été", "ÉTÉ")).toBe(true);
    expect(equalsIgnoreCase("ÉTÉ", "été")).toBe(true);
    // Ruler encodes each half of a surrogate pair alone (as "?") and so never matches 🚀; we do.
    expect(equalsIgnoreCase("🚀a", "🚀A")).toBe(true);
  });
  it("works for prefixes and suffixes", () => {
    expect(startsWithIgnoreCase("STRASSE 5", "straße")).toBe(true);
    expect(startsWithIgnoreCase("Eventbridge", "EVENTB")).toBe(true);
    expect(startsWithIgnoreCase("Ev", "EVENTB")).toBe(false);
    expect(endsWithIgnoreCase("GROSSE STRASSE", "straße")).toBe(true);
    expect(endsWithIgnoreCase("image.PNG", ".png")).toBe(true);
    expect(endsWithIgnoreCase("image.jpg", ".png")).toBe(false);
    expect(endsWithIgnoreCase("é", "ÉÉ")).toBe(false);
  });
});
