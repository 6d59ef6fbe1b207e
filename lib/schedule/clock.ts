/**
 * Time for whatever fires on a schedule: the system clock in the app, a clock tests move by hand
 * (`ManualClock`), so a schedule can be driven without waiting.
 */

export interface Clock {
  now(): number;
  /** Calls `wake` once, at `at` (epoch ms) or later; returns a function that cancels it. */
  wakeAt(at: number, wake: () => void): () => void;
}

/** setTimeout's longest delay; a longer wait wakes early, and the caller sleeps again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  wakeAt(at, wake) {
    const timer = setTimeout(wake, Math.min(Math.max(0, at - Date.now()), MAX_TIMER_MS));
    // A pending schedule alone does not keep the process running.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** A clock that stands still until `advance` or `set` moves it, waking what fell due. */
export class ManualClock implements Clock {
  private readonly sleepers = new Set<{ at: number; wake: () => void }>();

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  /** A time already reached wakes on the next microtask, as the system clock's timer would. */
  wakeAt(at: number, wake: () => void): () => void {
    const sleeper = { at, wake };
    this.sleepers.add(sleeper);
    if (at <= this.time) queueMicrotask(() => this.set(this.time));
    return () => this.sleepers.delete(sleeper);
  }

  advance(ms: number): void {
    this.set(this.time + ms);
  }

  set(time: number): void {
    this.time = time;
    const due = [...this.sleepers].filter((s) => s.at <= time).sort((a, b) => a.at - b.at);
    for (const sleeper of due) {
      this.sleepers.delete(sleeper);
      sleeper.wake();
    }
  }
}
