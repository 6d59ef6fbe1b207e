/**
 * What wakes a set of schedules: sleeps on the clock until the earliest planned fire, runs one
 * pass over what fell due (never two at once), then sleeps again until the next. The owner keeps
 * the plan; `earliest` reads it and `arm` is called whenever it changes.
 */
import type { Clock } from "./clock";

export class FireTimer {
  private cancelWake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly clock: Clock,
    /** The planned fire times (epoch ms; undefined for a schedule with none). */
    private readonly plannedTimes: () => Iterable<number | undefined>,
    /** Fires what is due. */
    private readonly pass: () => Promise<void>,
    /** Hears of a pass that failed; the timer sleeps on to the next time. */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.arm();
  }

  /** Sleeps until the earliest planned fire, replacing the previous sleep. */
  arm(): void {
    this.cancelWake?.();
    this.cancelWake = undefined;
    if (this.stopped) return;
    const at = earliest(this.plannedTimes());
    if (at === undefined) return;
    this.cancelWake = this.clock.wakeAt(at, () => {
      if (this.running !== undefined) return;
      this.running = this.pass()
        .catch(this.onFailure)
        .finally(() => {
          this.running = undefined;
          this.arm();
        });
    });
  }

  /** Stops waking; resolves once a pass under way has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelWake?.();
    this.cancelWake = undefined;
    await this.running;
  }
}

/** The earliest of some planned times, or undefined when none is planned. */
function earliest(times: Iterable<number | undefined>): number | undefined {
  let first: number | undefined;
  for (const time of times) if (time !== undefined && (first === undefined || time < first)) first = time;
  return first;
}
