import { describe, expect, it } from "vitest";
import { createDesignInput, createInputFor, emptyDesign, updateDesignInput } from "./input";

describe("createDesignInput", () => {
  it("trims the name and defaults the description", () => {
    expect(createDesignInput.parse({ name: "  Orders  " })).toEqual({ name: "Orders", description: "" });
  });

  it("says which field is wrong", () => {
    const result = createDesignInput.safeParse({ name: " ", description: 3, extra: true });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join(".") || i.message);
    expect(paths).toContain("name");
    expect(paths).toContain("description");
    expect(result.error!.issues.some((i) => i.message.includes("extra"))).toBe(true);
  });

  it("accepts a design document and rejects anything else as the graph, naming the field", () => {
    const document = emptyDesign("a", "");
    expect(createDesignInput.parse({ name: "a", graph: document }).graph).toEqual(document);
    const notDocument = createDesignInput.safeParse({ name: "a", graph: { nodes: [] } });
    expect(notDocument.success).toBe(false);
    expect(notDocument.error!.issues.map((i) => i.path[0])).toContain("graph");
    expect(createDesignInput.safeParse({ name: "a", graph: [1, 2] }).success).toBe(false);
  });
});

describe("updateDesignInput", () => {
  it("requires the version the caller read", () => {
    const result = updateDesignInput.safeParse({ name: "b" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(["version"]);
  });

  it("requires something to change", () => {
    const result = updateDesignInput.safeParse({ version: 1 });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toMatch(/nothing to change/);
  });

  it("accepts a rename", () => {
    expect(updateDesignInput.parse({ name: "b", version: 3 })).toEqual({ name: "b", version: 3 });
  });
});

describe("createInputFor", () => {
  it("saves a document under its own name and description", () => {
    const document = emptyDesign("  Orders  ", "how orders flow");
    const input = createInputFor(document, "Imported design");
    expect(input).toEqual({ name: "Orders", description: "how orders flow", graph: document });
    expect(createDesignInput.parse(input)).toEqual(input);
  });

  it("names an unnamed document after the fallback and cuts overlong text to what a record accepts", () => {
    expect(createInputFor(emptyDesign(" ", ""), "orders.switchyard.json").name).toBe("orders.switchyard.json");
    const long = createInputFor(emptyDesign("n".repeat(500), "d".repeat(5000)), "x");
    expect([long.name.length, long.description.length]).toEqual([120, 2000]);
    expect(createDesignInput.safeParse(long).success).toBe(true);
  });
});
