/**
 * Throughput benchmark of `RuleMachine` on the CityLots2 rule sets of aws/event-ruler
 * (shared/bench/README.md), plus rule-count scaling, memory and a wildcard worst case.
 *
 *   npm run bench:pattern -- [--category EXACT[,NUMERIC…]] [--passes 3] [--skip-scaling]
 *                            [--only-scaling] [--limit 50000]
 *
 * Events are read into memory first (gunzip, one JSON object per line); only matching is timed.
 * Absolute rates drift with the machine, so each category is reported as a multiple of
 * `JSON.parse` over the same events: every timed pass of a category follows a `JSON.parse` pass,
 * the pass's multiple is the ratio of the two, and the category's figure is the median of its
 * passes' multiples (with their spread). That figure is compared with event-ruler's multiple of
 * the same yardstick, measured side by side (issue 18, shared/bench/README.md). Scaling (see
 * `benchScaling`) compares 10,000 generated rules with their first 10 on two sets, both judged.
 * Exits non-zero when a rule's match count differs from its expected count.
 */
import { once } from "node:events";
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createGunzip } from "node:zlib";
import { RuleMachine } from "../lib/pattern/machine";

interface BenchRule {
  readonly id: string;
  readonly pattern: unknown;
  readonly expected: number;
}

interface BenchCategory {
  readonly name: string;
  readonly rules: readonly BenchRule[];
}

interface RulesFile {
  readonly categories: readonly BenchCategory[];
  readonly extras: readonly BenchCategory[];
}

interface Options {
  readonly categories: readonly string[] | undefined;
  readonly passes: number;
  readonly scaling: boolean;
  readonly ruleSets: boolean;
  readonly limit: number | undefined;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sharedDir = process.env.SWITCHYARD_SHARED ?? path.resolve(repoRoot, "../shared");

function parseOptions(argv: readonly string[]): Options {
  let categories: string[] | undefined;
  let passes = 3;
  let scaling = true;
  let ruleSets = true;
  let limit: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--category") categories = [...(categories ?? []), ...value().split(",")];
    else if (arg === "--passes") passes = Math.max(1, Number(value()));
    else if (arg === "--skip-scaling") scaling = false;
    else if (arg === "--only-scaling") ruleSets = false;
    else if (arg === "--limit") limit = Number(value());
    else throw new Error(`unknown option ${arg}`);
  }
  return { categories, passes, scaling, ruleSets, limit };
}

async function loadEvents(file: string, limit: number | undefined): Promise<string[]> {
  const lines: string[] = [];
  const reader = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  reader.on("line", (line) => {
    // readline hands out slices of its read buffer; each event gets its own string, as an event
    // arriving in a request would, so that reading it is not slowed by the indirection.
    if (line.length > 0 && (limit === undefined || lines.length < limit)) lines.push(Buffer.from(line, "utf8").toString("utf8"));
  });
  await once(reader, "close");
  return lines;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One pass over all events; returns events/s and the number of matches per rule name. */
function runPass(machine: RuleMachine, events: readonly string[]): { rate: number; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const started = process.hrtime.bigint();
  for (let i = 0; i < events.length; i++) {
    const names = machine.matchingRules(events[i]);
    for (let j = 0; j < names.length; j++) counts.set(names[j], (counts.get(names[j]) ?? 0) + 1);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rate: events.length / seconds, counts };
}

function measure(machine: RuleMachine, events: readonly string[], passes: number): { rate: number; counts: Map<string, number>[] } {
  warmUp(machine, events);
  const rates: number[] = [];
  const counts: Map<string, number>[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const result = runPass(machine, events);
    rates.push(result.rate);
    counts.push(result.counts);
  }
  return { rate: median(rates), counts };
}

/** A short warm-up lets the JIT settle before timed passes. */
function warmUp(machine: RuleMachine, events: readonly string[]): void {
  runPass(machine, events.slice(0, Math.min(events.length, 20_000)));
}

/** One pass of the yardstick: parsing each event with JSON.parse and nothing else; events/s. */
function jsonParsePass(events: readonly string[]): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < events.length; i++) JSON.parse(events[i]);
  return events.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

const formatRate = (rate: number): string => `${Math.round(rate).toLocaleString("en-US")} events/s`;

/**
 * event-ruler 2.0.1's median events/s as a multiple of node's `JSON.parse` line, measured side by
 * side on one machine (issue 18; shared/bench/README.md, "A yardstick that moves with the machine").
 */
const EVENT_RULER_MULTIPLES: Readonly<Record<string, number>> = {
  EXACT: 1.9,
  PREFIX: 1.9,
  PREFIX_EQUALS_IGNORE_CASE: 1.9,
  SUFFIX: 1.9,
  SUFFIX_EQUALS_IGNORE_CASE: 1.9,
  EQUALS_IGNORE_CASE: 1.7,
  WILDCARD: 1.55,
  ANYTHING_BUT: 1.2,
  ANYTHING_BUT_IGNORE_CASE: 1.2,
  ANYTHING_BUT_PREFIX: 1.2,
  ANYTHING_BUT_SUFFIX: 1.2,
  ANYTHING_BUT_WILDCARD: 1.2,
  NUMERIC: 1.05,
  ANYTHING_BUT_MULTI_FIELD: 0.47,
  PARTIAL_COMBO: 0.37,
  COMPLEX_ARRAYS: 0.22,
  COMBO: 0.13,
};

interface CategoryResult {
  readonly name: string;
  /** Median over passes of (category events/s ÷ the preceding JSON.parse pass's events/s). */
  readonly multiple: number;
  readonly lowest: number;
  readonly highest: number;
  readonly countsOk: boolean;
}

/**
 * Runs one rule category, each timed pass right after a `JSON.parse` pass (whose rates go to
 * `yardstick`); prints rates and match counts.
 */
function benchCategory(category: BenchCategory, events: readonly string[], options: Options, yardstick: number[]): CategoryResult {
  const machine = new RuleMachine();
  for (const rule of category.rules) machine.addRule(rule.id, JSON.stringify(rule.pattern));
  warmUp(machine, events);
  const rates: number[] = [];
  const multiples: number[] = [];
  const counts: Map<string, number>[] = [];
  for (let pass = 0; pass < options.passes; pass++) {
    const parseRate = jsonParsePass(events);
    const result = runPass(machine, events);
    yardstick.push(parseRate);
    rates.push(result.rate);
    multiples.push(result.rate / parseRate);
    counts.push(result.counts);
  }
  const fullFile = options.limit === undefined;
  let countsOk = true;
  const lines: string[] = [];
  for (const rule of category.rules) {
    const perPass = counts.map((pass) => pass.get(rule.id) ?? 0);
    const stable = perPass.every((count) => count === perPass[0]);
    const ok = stable && (!fullFile || perPass[0] === rule.expected);
    countsOk &&= ok;
    const verdict = !stable ? "MISMATCH (passes differ)" : !fullFile ? "(subset, not compared)" : ok ? "OK" : "MISMATCH";
    lines.push(`    ${rule.id.padEnd(4)} ${String(perPass[0]).padStart(7)} / expected ${String(rule.expected).padStart(7)}  ${verdict}`);
  }
  const result = { name: category.name, multiple: median(multiples), lowest: Math.min(...multiples), highest: Math.max(...multiples), countsOk };
  console.log(`${category.name.padEnd(26)} ${String(category.rules.length).padStart(2)} rules  ${formatRate(median(rates)).padStart(18)}  ${formatMultiple(result)}`);
  for (const line of lines) console.log(line);
  return result;
}

const formatMultiple = (result: CategoryResult): string =>
  `${result.multiple.toFixed(2)}x JSON.parse (passes ${result.lowest.toFixed(2)}-${result.highest.toFixed(2)})`;

/** The per-category multiples against event-ruler's; returns whether every category reached its own. */
function printComparison(results: readonly CategoryResult[], yardstick: readonly number[]): boolean {
  console.log(`\nJSON.parse only (yardstick): ${formatRate(median(yardstick))}, median of ${yardstick.length} passes (${formatRate(Math.min(...yardstick))} - ${formatRate(Math.max(...yardstick))})`);
  console.log(`${"category".padEnd(26)} ${"ours".padStart(6)}  ${"passes".padStart(11)}  ${"event-ruler".padStart(11)}`);
  let allReached = true;
  for (const result of results) {
    const target = EVENT_RULER_MULTIPLES[result.name];
    const reached = target === undefined || result.multiple >= target;
    allReached &&= reached;
    const spread = `${result.lowest.toFixed(2)}-${result.highest.toFixed(2)}`;
    const verdict = target === undefined ? "" : `${target.toFixed(2).padStart(11)}  ${reached ? "pass" : "FAIL"}`;
    console.log(`${result.name.padEnd(26)} ${result.multiple.toFixed(2).padStart(6)}  ${spread.padStart(11)}  ${verdict}`);
  }
  return allReached;
}

/** Deterministic PRNG (mulberry32), so generated rule sets are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STREETS = ["FULTON", "MASON", "HYDE", "KING", "LAKE", "BEACH", "HARRISON", "WASHINGTON", "MADISON", "CHESTNUT"];
const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];

/**
 * The dense set: `count` rules cycling through four shapes — an exact MAPBLKLOT, a 3-letter STREET
 * prefix, a numeric range 0.0005° wide on geometry.firstCoordinates.x, and an exact STREET with
 * an exact FROM_ST. Its 2,500 ranges overlap about eight deep, so its 10,000 rules return some
 * 650 times the matches of its first 10: it measures the cost of answers as much as the walk.
 */
function denseRules(count: number): string[] {
  const random = seededRandom(0x5eed);
  const rules: string[] = [];
  for (let i = 0; i < count; i++) {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    switch (i % 4) {
      case 0:
        rules.push(JSON.stringify({ properties: { MAPBLKLOT: [String(1_000_000 + Math.floor(random() * 8_999_999)).padStart(7, "0")] } }));
        break;
      case 1:
        rules.push(JSON.stringify({ properties: { STREET: [{ prefix: pick(LETTERS) + pick(LETTERS) + pick(LETTERS) }] } }));
        break;
      case 2: {
        const low = -122.52 + random() * 0.15;
        rules.push(JSON.stringify({ geometry: { firstCoordinates: { x: [{ numeric: [">=", low, "<", low + 0.0005] }] } } }));
        break;
      }
      default:
        rules.push(JSON.stringify({ properties: { STREET: [pick(STREETS)], FROM_ST: [String(Math.floor(random() * 5000))] } }));
    }
  }
  return rules;
}

interface CityLot {
  readonly properties: Readonly<Record<"MAPBLKLOT" | "BLOCK_NUM" | "LOT_NUM" | "FROM_ST" | "STREET" | "ST_TYPE" | "ODD_EVEN", string>>;
  readonly geometry: {
    readonly type: string;
    readonly coordinates: unknown;
    readonly firstCoordinates: { readonly x: number; readonly y: number };
  };
}

/** Some point of a lot's geometry (GeoJSON nests polygon rings one or two arrays deep). */
function somePoint(coordinates: unknown, random: () => number): { x: number; y: number } {
  let at = coordinates;
  while (Array.isArray(at)) at = at[Math.floor(random() * at.length)];
  return at as { x: number; y: number };
}

/** Mixed case, so that ignore-case rules are not plain equality in disguise. */
const mixedCase = (text: string): string => [...text].map((c, i) => (i % 2 === 0 ? c.toLowerCase() : c)).join("");

/**
 * The shapes of the CityLots categories, each written from one event's own values and kept
 * specific to a few events as a real rule is (a STREET condition alone would match a thousand
 * lots, so STREET shapes add the lot's FROM_ST or LOT_NUM; anything-but shapes add its block).
 */
const CITYLOTS_SHAPES: readonly ((lot: CityLot, random: () => number) => unknown)[] = [
  (lot) => ({ properties: { MAPBLKLOT: [lot.properties.MAPBLKLOT] } }),
  (lot) => ({ properties: { MAPBLKLOT: [{ prefix: lot.properties.MAPBLKLOT.slice(0, 6) }] } }),
  (lot) => ({ properties: { MAPBLKLOT: [{ wildcard: `${lot.properties.MAPBLKLOT.slice(0, 3)}*${lot.properties.MAPBLKLOT.slice(-3)}` }] } }),
  (lot) => ({ properties: { STREET: [{ suffix: lot.properties.STREET.slice(-3) }], FROM_ST: [lot.properties.FROM_ST] } }),
  (lot) => ({ properties: { STREET: [{ prefix: { "equals-ignore-case": mixedCase(lot.properties.STREET.slice(0, 3)) } }], LOT_NUM: [lot.properties.LOT_NUM] } }),
  (lot) => ({ properties: { STREET: [{ "equals-ignore-case": mixedCase(lot.properties.STREET) }], FROM_ST: [lot.properties.FROM_ST] } }),
  (lot) => {
    const x = lot.geometry.firstCoordinates.x;
    return { geometry: { firstCoordinates: { x: [{ numeric: [">=", x - 0.000001, "<=", x + 0.000001] }] } } };
  },
  (lot) => ({ properties: { BLOCK_NUM: [lot.properties.BLOCK_NUM], ST_TYPE: [{ "anything-but": [lot.properties.ST_TYPE === "ST" ? "AVE" : "ST"] }] } }),
  (lot) => ({ properties: { BLOCK_NUM: [lot.properties.BLOCK_NUM], ODD_EVEN: [{ "anything-but": { prefix: lot.properties.ODD_EVEN === "O" ? "E" : "O" } }] } }),
  (lot, random) => ({ geometry: { type: [lot.geometry.type], coordinates: { x: [{ numeric: ["=", somePoint(lot.geometry.coordinates, random).x] }] } } }),
  (lot) => ({
    properties: { LOT_NUM: [lot.properties.LOT_NUM], ST_TYPE: [{ "anything-but": { suffix: "Z" } }] },
    geometry: { firstCoordinates: { y: [{ numeric: [">", lot.geometry.firstCoordinates.y - 0.001, "<", lot.geometry.firstCoordinates.y + 0.001] }] } },
  }),
];

/**
 * The CityLots-shaped set: `count` rules cycling through `CITYLOTS_SHAPES`, each written from an
 * event picked at random (seeded), so every rule matches at least one event and few others. Its
 * matches per event grow with the rule count only as far as each added rule adds its few events.
 */
function cityLotsShapedRules(count: number, events: readonly string[]): string[] {
  const random = seededRandom(0xc17a);
  const rules: string[] = [];
  for (let i = 0; i < count; i++) {
    const lot = JSON.parse(events[Math.floor(random() * events.length)]) as CityLot;
    rules.push(JSON.stringify(CITYLOTS_SHAPES[i % CITYLOTS_SHAPES.length](lot, random)));
  }
  return rules;
}

function machineWith(rules: readonly string[]): RuleMachine {
  const machine = new RuleMachine();
  rules.forEach((rule, i) => machine.addRule(`g${i}`, rule));
  return machine;
}

/**
 * Rule-count scaling as event-ruler states it: matching time should not depend on the number of
 * rules. That holds for the walk, not for the answer: every matched name has to be returned. The
 * target (10,000 rules at >= 50 % of the throughput of their first 10) is judged on the
 * CityLots-shaped set, whose rules are as specific as real ones; the dense set, whose answers grow
 * 650-fold, is judged against the same target and reported beside it. Returns whether both reach it.
 */
function benchScaling(events: readonly string[], options: Options): boolean {
  const scalingSets = [
    {
      label: `CityLots-shaped: ${CITYLOTS_SHAPES.length} shapes of the CityLots categories, each rule written from one event's values`,
      rules: cityLotsShapedRules(10_000, events),
      counts: [10, 100, 1_000, 10_000],
    },
    { label: "dense: exact MAPBLKLOT / 3-letter STREET prefix / 0.0005° x range / STREET + FROM_ST", rules: denseRules(10_000), counts: [10, 10_000] },
  ];
  console.log("\nScaling: 10,000 generated rules (seeded); the first n of a set are its smaller sets");
  let allReached = true;
  for (const { label, rules, counts } of scalingSets) {
    console.log(`  ${label}`);
    const rates = new Map<number, number>();
    for (const count of counts) {
      const machine = machineWith(rules.slice(0, count));
      const { rate, counts: matchCounts } = measure(machine, events, options.passes);
      let matches = 0;
      for (const value of matchCounts[0].values()) matches += value;
      rates.set(count, rate);
      const perEvent = (matches / events.length).toFixed(3);
      console.log(`  ${String(count).padStart(6)} rules  ${formatRate(rate).padStart(18)}   (${matches.toLocaleString("en-US")} matches per pass, ${perEvent} per event)`);
    }
    const ratio = (rates.get(10_000) ?? 0) / (rates.get(10) ?? 1);
    allReached &&= ratio >= 0.5;
    console.log(`  10,000-rule / 10-rule throughput: ${ratio.toFixed(2)} (target >= 0.5: ${ratio >= 0.5 ? "reached" : "NOT reached"})`);
  }

  for (const { label, rules } of scalingSets) console.log(`\nMemory: 10,000-rule machine (${label.split(":")[0]}): ${heapOfMachine(rules, events[0])}`);
  return allReached;
}

/** The heap a machine of `rules` takes, measured around building it with garbage collected. */
function heapOfMachine(rules: readonly string[], event: string): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return "run node with --expose-gc to measure";
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const machine = machineWith(rules);
  machine.matchingRules(event); // build lazily built indexes
  gc();
  const megabytes = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  return `${megabytes.toFixed(1)} MB of heap, ${machine.size} rules (target < 200 MB: ${megabytes < 200 ? "reached" : "NOT reached"})`;
}

/**
 * Wildcards against a 1 MB string built to make a backtracking matcher struggle: it has the
 * pattern's ends, and the middle search runs the whole string before failing. The first pattern
 * is the most starred one EventBridge's complexity limit accepts; the second lifts the limit.
 */
function benchWildcardWorstCase(): void {
  const value = `${"a".repeat(1024 * 1024)}c`;
  const event = JSON.stringify({ detail: { text: value } });
  const cases = [
    { glob: "*a*a*a*a*b*c", machine: new RuleMachine() },
    { glob: `${"*a".repeat(20)}*b*c`, machine: new RuleMachine({ compileOptions: { maxWildcardComplexity: 1000 } }) },
  ];
  console.log("\nWildcard worst case: 1 MB value of \"a\"s ending in \"c\" (median of 5, including the scan)");
  for (const { glob, machine } of cases) {
    machine.addRule("adversarial", JSON.stringify({ detail: { text: [{ wildcard: glob }] } }));
    const matched = machine.matchingRules(event).length > 0;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = process.hrtime.bigint();
      machine.matchingRules(event);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const ms = median(times);
    console.log(`  "${glob}": ${ms.toFixed(1)} ms, ${matched ? "matches" : "no match"} (target < 40 ms: ${ms < 40 ? "reached" : "NOT reached"})`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const rulesFile = JSON.parse(readFileSync(path.join(sharedDir, "bench/citylots-rules.json"), "utf8")) as RulesFile;
  const eventsFile = path.join(sharedDir, "bench/citylots2-synth.json.gz");
  const loadStarted = Date.now();
  const events = await loadEvents(eventsFile, options.limit);
  console.log(`Loaded ${events.length.toLocaleString("en-US")} events in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s; ${options.passes} timed passes, each after a JSON.parse pass; medians reported\n`);

  let allOk = true;
  if (options.ruleSets) {
    const wanted = options.categories?.map((name) => name.toUpperCase());
    const categories = [...rulesFile.categories, ...rulesFile.extras].filter((c) => wanted === undefined || wanted.includes(c.name));
    if (wanted !== undefined && categories.length !== wanted.length) throw new Error(`unknown category in ${wanted.join(",")}`);
    const yardstick: number[] = [];
    const results = categories.map((category) => benchCategory(category, events, options, yardstick));
    allOk = results.every((result) => result.countsOk);
    const allReached = printComparison(results, yardstick);
    console.log(allReached ? "Every category at or above event-ruler's multiple" : "Some categories below event-ruler's multiple");
  }
  if (options.scaling) {
    const scaled = benchScaling(events, options);
    console.log(scaled ? "Both scaling sets at or above 50 %" : "A scaling set below 50 % (see above)");
    benchWildcardWorstCase();
  }
  console.log(allOk ? "\nAll match counts OK" : "\nMATCH COUNT MISMATCH");
  if (!allOk) process.exitCode = 1;
}

await main();
