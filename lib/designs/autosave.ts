/**
 * Autosave for the designer, framework-free: a change marks the design unsaved, and a short
 * delay after the last one the whole document is sent with the version last read. A conflict
 * (another tab saved in between) stops autosaving for good, so nothing is overwritten; other
 * failures keep the changes and are retried on the next change or on request.
 */
import type { Design } from "@/lib/graph";

export type SaveStatus =
  | { readonly state: "saved" }
  | { readonly state: "unsaved" }
  | { readonly state: "saving" }
  | { readonly state: "error"; readonly message: string }
  | { readonly state: "conflict" };

export type SaveResult = { readonly ok: true; readonly version: number } | { readonly ok: false; readonly conflict: boolean; readonly message: string };

/** Sends `graph` as a change of `version`; the new version, or why it was refused. */
export type SaveDesign = (graph: Design, version: number) => Promise<SaveResult>;

export class Autosaver {
  private status: SaveStatus = { state: "saved" };
  private readonly listeners = new Set<() => void>();
  private graph: Design;
  /** The header's name wins over the editor document's, which does not know about renames. */
  private name: string;
  private version: number;
  private dirty = false;
  private inFlight = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    initial: { graph: Design; version: number },
    private readonly save: SaveDesign,
    private readonly delayMs = 800,
  ) {
    this.graph = initial.graph;
    this.name = initial.graph.name;
    this.version = initial.version;
  }

  getStatus = (): SaveStatus => this.status;

  /** The document as it will be saved: the editor's latest, under the header's name. */
  document(): Design {
    return { ...this.graph, name: this.name };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The editor's latest document. */
  change(graph: Design): void {
    this.graph = graph;
    this.markChanged();
  }

  /** A new name from the page header; it is saved with the document. */
  rename(name: string): void {
    this.name = name;
    this.markChanged();
  }

  /** Saves now instead of after the delay (the Retry button). */
  flush = async (): Promise<void> => {
    clearTimeout(this.timer);
    if (this.inFlight || this.stopped || !this.dirty) return;
    this.dirty = false;
    this.inFlight = true;
    this.setStatus({ state: "saving" });
    let result: SaveResult;
    try {
      result = await this.save(this.document(), this.version);
    } catch (error) {
      result = { ok: false, conflict: false, message: error instanceof Error ? error.message : String(error) };
    }
    this.inFlight = false;
    if (!result.ok) {
      this.dirty = true;
      if (result.conflict) this.stopped = true;
      this.setStatus(result.conflict ? { state: "conflict" } : { state: "error", message: result.message });
      return;
    }
    this.version = result.version;
    if (this.dirty) {
      // Changes made while this save was in flight go out next.
      this.setStatus({ state: "unsaved" });
      this.schedule();
    } else {
      this.setStatus({ state: "saved" });
    }
  };

  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private markChanged(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (!this.inFlight) this.setStatus({ state: "unsaved" });
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}

/** The browser's SaveDesign: PATCH /api/designs/:id with the document and the version last read. */
export function saveOverHttp(designId: string): SaveDesign {
  return async (graph, version) => {
    const response = await fetch(`/api/designs/${encodeURIComponent(designId)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ graph, version }),
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, version: (body as { design: { version: number } }).design.version };
    const message =
      typeof body === "object" && body !== null && "error" in body && typeof (body as { error: { message?: unknown } }).error.message === "string"
        ? (body as { error: { message: string } }).error.message
        : `the server answered ${response.status}`;
    return { ok: false, conflict: response.status === 409, message };
  };
}
