/**
 * Autosave for the designer, framework-free: a change marks the design unsaved, and a short
 * delay after the last one the document, read from its owner (the editor), is sent with the
 * version last read. A conflict (another tab saved in between) stops autosaving for good, so
 * nothing is overwritten; other failures keep the changes and are retried on the next change
 * or on request.
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
  private dirty = false;
  private inFlight = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param version the version of the document as it was read
   * @param document the document as it is now, read when a save goes out
   */
  constructor(
    private version: number,
    private readonly document: () => Design,
    private readonly save: SaveDesign,
    private readonly delayMs = 800,
  ) {}

  getStatus = (): SaveStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The document changed (an edit, a rename…): it is saved after the delay. */
  change(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (!this.inFlight) this.setStatus({ state: "unsaved" });
    this.schedule();
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

  /**
   * Saves what is pending and resolves once everything is saved, for actions that read the
   * saved design on the server (Run locally); rejects with the reason when saving fails.
   */
  saved(): Promise<void> {
    void this.flush();
    return new Promise((resolve, reject) => {
      const settle = () => {
        const status = this.status;
        if (status.state === "saved") resolve();
        else if (status.state === "error") reject(new Error(`The design could not be saved: ${status.message}`));
        else if (status.state === "conflict") reject(new Error("The design was changed in another tab; reload it first."));
        else return;
        unsubscribe();
      };
      const unsubscribe = this.subscribe(settle);
      settle();
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  private setStatus(status: SaveStatus): void {
    // Typing keeps the design unsaved: listeners (the page) hear of a new status only.
    if (JSON.stringify(status) === JSON.stringify(this.status)) return;
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
