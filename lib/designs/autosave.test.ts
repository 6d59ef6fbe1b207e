import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DESIGN_FORMAT, DESIGN_VERSION, type Design } from "@/lib/graph";
import { Autosaver, type SaveDesign, type SaveResult } from "./autosave";

/** A document told apart by its description. */
const doc = (marker: string): Design => ({ format: DESIGN_FORMAT, version: DESIGN_VERSION, name: "n", description: marker, nodes: [], edges: [] });

/** A server that holds a version and refuses stale ones, recording what it was sent. */
function fakeServer(start: number) {
  const server = { version: start, saved: [] as { doc: string; version: number }[], fail: null as string | null };
  const save: SaveDesign = async (graph, version): Promise<SaveResult> => {
    if (server.fail) return { ok: false, conflict: false, message: server.fail };
    if (version !== server.version) return { ok: false, conflict: true, message: "stale" };
    server.saved.push({ doc: graph.description, version });
    server.version += 1;
    return { ok: true, version: server.version };
  };
  return { server, save };
}

/** An editor that owns document "a" at `version`, saved by an Autosaver; `edit` changes the document and tells the saver. */
function editing(version: number, save: SaveDesign) {
  let current = doc("a");
  const saver = new Autosaver(version, () => current, save, 800);
  const edit = (marker: string) => {
    current = doc(marker);
    saver.change();
  };
  return { saver, edit };
}

describe("Autosaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, after the delay following the last change, with the version read", async () => {
    const { server, save } = fakeServer(3);
    const { saver, edit } = editing(3, save);
    edit("b");
    await vi.advanceTimersByTimeAsync(500);
    edit("c");
    expect(saver.getStatus()).toEqual({ state: "unsaved" });
    await vi.advanceTimersByTimeAsync(799);
    expect(server.saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.saved).toEqual([{ doc: "c", version: 3 }]);
    expect(saver.getStatus()).toEqual({ state: "saved" });

    edit("d");
    await vi.advanceTimersByTimeAsync(800);
    expect(server.saved.at(-1)).toEqual({ doc: "d", version: 4 });
  });

  it("tells its listeners of a new status only, not of every change while unsaved", async () => {
    const { save } = fakeServer(1);
    const { saver, edit } = editing(1, save);
    const heard: string[] = [];
    saver.subscribe(() => heard.push(saver.getStatus().state));
    edit("b");
    edit("c");
    edit("d");
    expect(heard).toEqual(["unsaved"]);
    await vi.advanceTimersByTimeAsync(800);
    expect(heard).toEqual(["unsaved", "saving", "saved"]);
  });

  it("stops on a conflict and never sends again", async () => {
    const { server, save } = fakeServer(5);
    const { saver, edit } = editing(4, save);
    edit("b");
    await vi.advanceTimersByTimeAsync(800);
    expect(saver.getStatus()).toEqual({ state: "conflict" });
    edit("c");
    await saver.flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.saved).toEqual([]);
    expect(saver.getStatus()).toEqual({ state: "conflict" });
  });

  it("keeps the changes after a failure and saves them on retry", async () => {
    const { server, save } = fakeServer(1);
    const { saver, edit } = editing(1, save);
    server.fail = "database is down";
    edit("b");
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
    const { saver, edit } = editing(1, slow);
    edit("b");
    await vi.advanceTimersByTimeAsync(800);
    expect(saver.getStatus()).toEqual({ state: "saving" });
    edit("c");
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

  it("saved() resolves once pending changes are saved, and rejects with the reason when saving fails", async () => {
    const { server, save } = fakeServer(1);
    const { saver, edit } = editing(1, save);
    await expect(saver.saved()).resolves.toBeUndefined();
    edit("b");
    await saver.saved();
    expect(server.saved).toEqual([{ doc: "b", version: 1 }]);
    server.fail = "disk full";
    edit("c");
    await expect(saver.saved()).rejects.toThrow("The design could not be saved: disk full");
  });
});
