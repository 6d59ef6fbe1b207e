/** The name a fork of a shared design is saved under: told apart from the original and from earlier forks. */

const NAME_MAX = 120;

/** "Orders (fork)", or "Orders (fork 2)", … — the first that no design in `taken` has. */
export function forkName(name: string, taken: ReadonlySet<string>): string {
  const base = name.trim() || "Shared design";
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (fork)" : ` (fork ${n})`;
    const candidate = `${base.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
