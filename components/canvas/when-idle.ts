/**
 * Runs `task` once the browser has nothing more urgent to do (after the current frame is painted,
 * input handled), at the latest after `timeout` ms; returns a function that cancels it. Where
 * `requestIdleCallback` is missing (Safari), a zero-delay timer stands in.
 */
export function whenIdle(task: () => void, timeout = 500): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(task, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 0);
  return () => clearTimeout(id);
}
