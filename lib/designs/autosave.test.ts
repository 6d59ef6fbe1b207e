import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DESIGN_FORMAT, DESIGN_VERSION, type Design } from "@/lib/graph";
import { Autosaver, type SaveDesign, type SaveResult } from "./autosave";

/** A document told apart by its description (its name is the header's business). */
const doc = (marker: string): Design => ({ format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "n", description: marker, nodes: [], edges: [] });

/** A server that holds a version and refuses stale ones, recording what it was sent. */
function fakeServer(start: number) {
  const server = { version: start, saved: [] as { doc: string; version: number }[], names: [] as string[], fail: null as string | null };
  const save: SaveDesign = async (graph, version): Promise<SaveResult> => {
    if (server.fail) return { ok: false, conflict: false, message: server.fail };
    if (version !== server.version) return { ok: false, conflict: true, message: "stale" };
    server.saved.push({ doc: graph.description, version });
    server.names.push(graph.name);
    server.version += 1;
    return { ok: true, version: server.version };
  };
  return { server, save };
}

describe("Autosaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, after the delay following the last change, with the version read", async () => {
    const { server, save } = fakeServer(3);
    const saver = new Autosaver({ graph: doc("a"), version: 3 }, save, 800);
    saver.change(doc("b"));
    await vi.advanceTimersByTimeAsync(500);
    saver.change(doc("c"));
    expect(saver.getStatus()).toEqual({ state: "unsaved" });
    await vi.advanceTimersByTimeAsync(799);
    expect(server.saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.saved).toEqual([{ doc: "c", version: 3 }]);
    expect(saver.getStatus()).toEqual({ state: "saved" });

    saver.rename("renamed");
    await vi.advanceTimersByTimeAsync(800);
    expect(server.saved.at(-1)).toEqual({ doc: "c", version: 4 });
    expect(server.names).toEqual(["n", "renamed"]);
    // A later document from the editor (which still carries the old name) keeps the new one.
    saver.change(doc("d"));
    await vi.advanceTimersByTimeAsync(800);
    expect(server.saved.at(-1)).toEqual({ doc: "d", version: 5 });
    expect(server.names.at(-1)).toBe("renamed");
  });

  it("stops on a conflict and never sends again", async () => {
    const { server, save } = fakeServer(5);
    const saver = new Autosaver({ graph: doc("a"), version: 4 }, save, 800);
    saver.change(doc("b"));
    await vi.advanceTimersByTimeAsync(800);
    expect(saver.getStatus()).toEqual({ state: "conflict" });
    saver.change(doc("c"));
    await saver.flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.saved).toEqual([]);
    expect(saver.getStatus()).toEqual({ state: "conflict" });
  });

  it("keeps the changes after a failure and saves them on retry", async () => {
    const { server, save } = fakeServer(1);
    const saver = new Autosaver({ graph: doc("a"), version: 1 }, save, 800);
    server.fail = "database is down";
    saver.change(doc("b"));
    await vi.advanceTimersByTimeAsync(800);
    expect(saver.getStatus()).toEqual({ state: "error", message: "database is down" });
    server.fail = null;
    await saver.flush();
    expect(server.saved).toEqual([{ doc: "b", version: 1 }]);
    expect(saver.getStatus()).toEqual({ state: "saved" });
  });

  it("sends changes made during a save in a second save with the new version", async () => {
    const { server, save } = fakeServer(1);
    let release: () => void = () => {};
    const slow: SaveDesign = (graph, version) => new Promise((resolve) => (release = () => resolve(save(graph, version))));
    const saver = new Autosaver({ graph: doc("a"), version: 1 }, slow, 800);
    saver.change(doc("b"));
    await vi.advanceTimersByTimeAsync(800);
    expect(saver.getStatus()).toEqual({ state: "saving" });
    saver.change(doc("c"));
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.getStatus()).toEqual({ state: "unsaved" });
    await vi.advanceTimersByTimeAsync(800);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.saved).toEqual([
      { doc: "b", version: 1 },
      { doc: "c", version: 2 },
    ]);
    expect(saver.getStatus()).toEqual({ state: "saved" });
  });
});
