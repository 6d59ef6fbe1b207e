/**
 * Per-destination invocation rate (an API destination's InvocationRateLimitPerSecond): at most
 * `limit` calls in each wall-clock second; `delayFor` says how long a call must wait, 0 to go now
 * (and counts it).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { second: number; used: number }>();

  delayFor(key: string, limit: number | null | undefined, now = Date.now()): number {
    if (limit === null || limit === undefined) return 0;
    const second = Math.floor(now / 1000);
    const window = this.windows.get(key);
    if (window === undefined || window.second !== second) {
      this.windows.set(key, { second, used: 1 });
      return 0;
    }
    if (window.used < limit) {
      window.used++;
      return 0;
    }
    return (second + 1) * 1000 - now;
  }
}
