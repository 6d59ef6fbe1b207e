/**
 * Group commit for accepted events: concurrent callers' rows are written together in one
 * transaction (fewer commits when many PutEvents arrive at once); each caller's promise settles
 * when its rows are committed and on disk. If a shared transaction fails, each caller's rows are
 * retried alone so one bad batch cannot fail the others. Listeners hear of every committed event
 * (the explorer's live tail).
 */
import type { Prisma } from "../../generated/sqlite/client";
import type { RowStore, RowsToWrite } from "./row-store";

interface Waiting {
  readonly rows: RowsToWrite;
  resolve(): void;
  reject(error: unknown): void;
}

/** A commit made, reaching the disk (a promise inside an object, so awaiting the commit does not wait for it). */
interface Written {
  readonly durable: Promise<void>;
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
        let last: Written = { durable: Promise.resolve() };
        while (this.queue.length > 0) last = await this.commitGroup(this.takeGroup());
        // The rows that arrive while this commit reaches the disk make the next one.
        await last.durable.catch(() => undefined);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Commits a group; if the shared transaction fails, each caller's rows alone. */
  private async commitGroup(group: readonly Waiting[]): Promise<Written> {
    try {
      return await this.commit(group);
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return { durable: Promise.resolve() };
      }
      let last: Written = { durable: Promise.resolve() };
      for (const waiting of group) {
        last = await this.commit([waiting]).catch((alone: unknown) => {
          waiting.reject(alone);
          return last;
        });
      }
      return last;
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

  /**
   * Commits a group's rows; throws if the transaction failed. Answers once committed, with what
   * settles when the commit is on disk: that is when its callers hear of it.
   */
  private async commit(group: readonly Waiting[]): Promise<Written> {
    const events = group.flatMap((w) => w.rows.events);
    const { committed, durable } = this.store.insert({ events, deliveries: group.flatMap((w) => w.rows.deliveries) });
    await committed;
    const settled = durable.then(
      () => {
        for (const waiting of group) waiting.resolve();
        for (const listener of this.listeners) listener(events);
      },
      (error: unknown) => {
        for (const waiting of group) waiting.reject(error);
      },
    );
    return { durable: settled };
  }
}
