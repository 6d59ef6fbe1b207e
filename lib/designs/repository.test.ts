import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Repository from "./repository";

// lib/env reads DATABASE_URL once at import: point it at a fresh SQLite file before loading.
const dir = mkdtempSync(join(tmpdir(), "switchyard-designs-"));
process.env.DATABASE_URL = `file:${join(dir, "designs.db")}`;

let repo: typeof Repository;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  repo = await import("./repository");
  ({ closeDb } = await import("@/lib/db"));
});

afterAll(async () => {
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});

describe("designs repository", () => {
  it("creates an empty design whose document carries its name", async () => {
    const created = await repo.createDesign({ name: "Orders", description: "order flow" });
    expect(created.id).toMatch(/^dsn_/);
    expect(created.version).toBe(1);
    expect(created.graph).toMatchObject({ format: "switchyard.design", version: 1, name: "Orders", description: "order flow", nodes: [], edges: [] });
    expect((await repo.listDesigns()).map((d) => d.id)).toContain(created.id);
  });

  it("renames the record and its document together, bumping the version", async () => {
    const created = await repo.createDesign({ name: "Before" });
    const renamed = await repo.updateDesign(created.id, { name: "After", version: 1 });
    expect(renamed.version).toBe(2);
    expect(renamed.name).toBe("After");
    expect(renamed.graph.name).toBe("After");
    expect((await repo.getDesign(created.id)).graph.name).toBe("After");
  });

  it("takes the name from a saved document when no name is sent", async () => {
    const created = await repo.createDesign({ name: "Doc" });
    const saved = await repo.updateDesign(created.id, { graph: { ...created.graph, name: "Doc v2" }, version: 1 });
    expect(saved.name).toBe("Doc v2");
  });

  it("refuses a stale change and keeps the saved one", async () => {
    const created = await repo.createDesign({ name: "Shared" });
    await repo.updateDesign(created.id, { name: "First", version: 1 });
    await expect(repo.updateDesign(created.id, { name: "Second", version: 1 })).rejects.toThrow(/changed by someone else.*version 1.*is 2/);
    expect((await repo.getDesign(created.id)).name).toBe("First");
  });

  it("reports missing designs and invalid input clearly", async () => {
    await expect(repo.getDesign("dsn_missing")).rejects.toThrow("Design dsn_missing does not exist");
    await expect(repo.deleteDesign("dsn_missing")).rejects.toThrow(/does not exist/);
    await expect(repo.createDesign({ name: "" })).rejects.toThrow(/name: name must not be empty/);
    await expect(repo.createDesign({ name: "x", graph: { nodes: "no" } })).rejects.toThrow(/graph/);
  });

  it("deletes", async () => {
    const created = await repo.createDesign({ name: "Gone" });
    await repo.deleteDesign(created.id);
    await expect(repo.getDesign(created.id)).rejects.toThrow(/does not exist/);
  });
});
