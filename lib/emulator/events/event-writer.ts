/**
 * Group commit for accepted events: concurrent callers' rows are written together in one
 * transaction (fewer commits when many PutEvents arrive at once); each caller's promise settles
 * when its rows are committed. If a shared transaction fails, each caller's rows are retried
 * alone so one bad batch cannot fail the others. Listeners hear of every committed event (the
 * explorer's live tail).
 */
import type { Prisma } from "../../generated/sqlite/client";
import type { RowStore, RowsToWrite } from "./row-store";

interface Waiting {
  readonly rows: RowsToWrite;
  resolve(): void;
  reject(error: unknown): void;
}

/** Most rows one shared transaction takes; SQLite limits bound parameters per statement. */
const MAX_EVENTS_PER_COMMIT = 500;

export type CommittedListener = (events: readonly Prisma.BusEventCreateManyInput[]) => void;

export class EventWriter {
  private queue: Waiting[] = [];
  private flushing = false;
  private readonly listeners = new Set<CommittedListener>();

  /** Calls `listener` after each commit with its events; returns the unsubscribe function. */
  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  constructor(private readonly store: RowStore) {}

  write(rows: RowsToWrite): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      // Flushing on the next turn lets the requests handled in this one share a commit.
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.takeGroup();
        try {
          await this.commit(group.map((w) => w.rows));
          for (const waiting of group) waiting.resolve();
        } catch (error) {
          if (group.length === 1) {
            group[0].reject(error);
            continue;
          }
          for (const waiting of group) {
            await this.commit([waiting.rows]).then(waiting.resolve, waiting.reject);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    let events = 0;
    while (this.queue.length > 0 && (group.length === 0 || events + this.queue[0].rows.events.length <= MAX_EVENTS_PER_COMMIT)) {
      const next = this.queue.shift() as Waiting;
      events += next.rows.events.length;
      group.push(next);
    }
    return group;
  }

  private async commit(parts: readonly RowsToWrite[]): Promise<void> {
    const events = parts.flatMap((p) => p.events);
    await this.store.insert({ events, deliveries: parts.flatMap((p) => p.deliveries) });
    for (const listener of this.listeners) listener(events);
  }
}
