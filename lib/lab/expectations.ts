/**
 * Expectations as tests: "this sample should (not) match this rule". `checkExpectations` verifies
 * every expectation of a design (rules, stream sources' filter criteria, where a record passes
 * when any criterion matches it, and Custom Event Bus subscribers' filters); `checkLabExpectations` does the same for a lab's own marks; and
 * `exportExpectationsAsTest` writes a test file teams run in CI against the real AWS API.
 */
import { compileFilters } from "@/lib/eventsv2/filters";
import type { Design, DesignNode, Expectation, SampleEvent, SubscriberNode } from "@/lib/graph/schema";
import { describeExplanation, evaluateLab, type LabEvaluation } from "./evaluate";
import { judgeSubscriberSample, readSubscriberSample } from "./subscriber";
import { streamRecordForFilter } from "@/lib/streams/filter-view";
import type { EventKind, LabEvent } from "./events";
import type { Expected, LabState } from "./share";

export interface ExpectationOutcome {
  readonly sampleId: string;
  /** The sample's name, when the sample exists. */
  readonly sampleName: string | undefined;
  readonly expected: Expected;
  /** Undefined when the verdict could not be reached (unknown sample, invalid event or pattern). */
  readonly actual: Expected | undefined;
  readonly ok: boolean;
  /** Why: the explanation lines (failing fields first), or what prevented a verdict. */
  readonly reasons: readonly string[];
}

export interface NodeExpectations {
  readonly nodeId: string;
  /** `rule payment-processed`, `kafka-topic msk` */
  readonly label: string;
  readonly kind: "rule" | "stream-source" | "subscriber";
  readonly outcomes: readonly ExpectationOutcome[];
  /** Problems that stop every expectation of the node (an invalid pattern, a schedule rule). */
  readonly problems: readonly string[];
}

export interface ExpectationReport {
  readonly nodes: readonly NodeExpectations[];
  readonly checked: number;
  readonly failed: number;
  /** True when every expectation holds and no node has problems. */
  readonly ok: boolean;
}

type StreamNode = Extract<DesignNode, { kind: "kafka-topic" | "dynamodb-stream" | "kinesis-stream-source" | "sqs-queue-source" }>;

const STREAM_KINDS: Record<StreamNode["kind"], Exclude<EventKind, "eventbridge">> = {
  "kafka-topic": "kafka",
  "dynamodb-stream": "dynamodb",
  "kinesis-stream-source": "kinesis",
  "sqs-queue-source": "sqs",
};

export function streamKindOf(node: DesignNode): Exclude<EventKind, "eventbridge"> | undefined {
  return node.kind in STREAM_KINDS ? STREAM_KINDS[node.kind as StreamNode["kind"]] : undefined;
}

function sampleEvent(sample: SampleEvent): LabEvent {
  return { id: sample.id, name: sample.name, text: sample.event, origin: "design" };
}

/** Checks every expectation in the design. */
export function checkExpectations(design: Design): ExpectationReport {
  const samples = new Map((design.samples ?? []).map((s) => [s.id, s]));
  const nodes: NodeExpectations[] = [];
  for (const node of design.nodes) {
    if (node.kind === "rule") {
      const expectations = node.expectations ?? [];
      if (expectations.length === 0) continue;
      const label = `rule ${node.name}`;
      if (node.trigger.type !== "pattern") {
        nodes.push({ nodeId: node.id, label, kind: "rule", outcomes: [], problems: ["A schedule rule matches no events, so it cannot have expectations"] });
        continue;
      }
      nodes.push(checkNode(node.id, label, "rule", [node.trigger.pattern], "eventbridge", expectations, samples));
    } else if (node.kind === "subscriber") {
      if ((node.expectations ?? []).length > 0) nodes.push(checkSubscriber(node, samples));
    } else {
      const kind = streamKindOf(node);
      if (kind === undefined || !("expectations" in node)) continue;
      const stream = node as StreamNode;
      const expectations = stream.expectations ?? [];
      if (expectations.length === 0) continue;
      nodes.push(checkNode(stream.id, `${stream.kind} ${stream.id}`, "stream-source", stream.filterCriteria, kind, expectations, samples));
    }
  }
  return summarize(nodes);
}

function summarize(nodes: NodeExpectations[]): ExpectationReport {
  const checked = nodes.reduce((n, node) => n + node.outcomes.length, 0);
  const failed = nodes.reduce((n, node) => n + node.outcomes.filter((o) => !o.ok).length, 0);
  return { nodes, checked, failed, ok: failed === 0 && nodes.every((n) => n.problems.length === 0) };
}

/**
 * One node: its patterns (a rule has one; filter criteria pass a record when any matches, and no
 * criteria pass everything) against the samples its expectations name.
 */
function checkNode(
  nodeId: string,
  label: string,
  kind: NodeExpectations["kind"],
  patterns: readonly string[],
  eventKind: EventKind,
  expectations: readonly Expectation[],
  samples: ReadonlyMap<string, SampleEvent>,
): NodeExpectations {
  const subject = kind === "rule" ? "the rule" : "the filter";
  const problems: string[] = [];
  const known: LabEvent[] = [];
  for (const e of expectations) {
    const sample = samples.get(e.sample);
    if (sample !== undefined && !known.some((k) => k.id === sample.id)) known.push(sampleEvent(sample));
  }
  const runs: LabEvaluation[] = patterns.map((pattern) => evaluateLab(pattern, known, { kind: eventKind }));
  runs.forEach((run, i) => {
    const first = run.validation.problems[0];
    if (first !== undefined) problems.push(`${patterns.length > 1 ? `Filter ${i + 1}: ` : ""}Event pattern is not valid. Reason: ${first.message}`);
  });
  const outcomes = expectations.map((e): ExpectationOutcome => {
    const sample = samples.get(e.sample);
    const base = { sampleId: e.sample, sampleName: sample?.name, expected: e.expect };
    if (sample === undefined) return { ...base, actual: undefined, ok: false, reasons: [`There is no sample "${e.sample}" in the design`] };
    if (problems.length > 0) return { ...base, actual: undefined, ok: false, reasons: problems };
    if (runs.length === 0) {
      const invalid = evaluateLab("{}", [sampleEvent(sample)], { kind: eventKind }).results?.[0]?.error;
      if (invalid !== undefined) return { ...base, actual: undefined, ok: false, reasons: [`The sample is not a valid event: ${invalid}`] };
      return outcome(base, "match", ["There are no filter criteria, so every record passes"]);
    }
    const results = runs.map((run) => run.results?.find((r) => r.eventId === sample.id));
    const error = results.find((r) => r?.error !== undefined)?.error;
    if (error !== undefined) return { ...base, actual: undefined, ok: false, reasons: [`The sample is not a valid ${eventKind === "eventbridge" ? "event" : "record"}: ${error}`] };
    const matching = results.findIndex((r) => r?.matched === true);
    const shown = matching === -1 ? results : [results[matching]];
    const reasons = shown.flatMap((r, i) => {
      const lines = r?.explanation === undefined ? [] : describeExplanation(r.explanation, { subject });
      const sorted = [...lines.filter((l) => !l.held), ...lines.filter((l) => l.held)];
      const prefix = patterns.length > 1 ? `Filter ${(matching === -1 ? i : matching) + 1}: ` : "";
      return sorted.map((l) => `${prefix}${l.text}`);
    });
    return outcome(base, matching === -1 ? "no-match" : "match", reasons);
  });
  return { nodeId, label, kind, outcomes, problems };
}

/** A Custom Event Bus subscriber: its filters (scopes ANDed) on each sample, published as lib/lab/subscriber.ts reads it. */
function checkSubscriber(node: SubscriberNode, samples: ReadonlyMap<string, SampleEvent>): NodeExpectations {
  const compiled = compileFilters(node.filters);
  const problems = compiled.ok ? [] : compiled.problems.map((p) => `${p.scope} filter is not valid. Reason: ${p.problems[0]?.message ?? "unknown"}`);
  const outcomes = (node.expectations ?? []).map((e): ExpectationOutcome => {
    const sample = samples.get(e.sample);
    const base = { sampleId: e.sample, sampleName: sample?.name, expected: e.expect };
    if (sample === undefined) return { ...base, actual: undefined, ok: false, reasons: [`There is no sample "${e.sample}" in the design`] };
    if (!compiled.ok) return { ...base, actual: undefined, ok: false, reasons: problems };
    const read = readSubscriberSample({ id: sample.id, text: sample.event });
    if (!read.ok) return { ...base, actual: undefined, ok: false, reasons: [`The sample cannot be published: ${read.error}`] };
    const verdict = judgeSubscriberSample(compiled.filters, read.envelope);
    const reasons = verdict.scopes.map((s) => `${s.scope}: ${s.outcome === "match" ? "matches" : (s.reason ?? s.outcome)}`);
    return outcome(base, verdict.matched ? "match" : "no-match", reasons.length > 0 ? reasons : ["The subscriber has no filter, so it receives every event"]);
  });
  return { nodeId: node.id, label: `subscriber ${node.name}`, kind: "subscriber", outcomes, problems };
}

function outcome(base: { sampleId: string; sampleName: string | undefined; expected: Expected }, actual: Expected, reasons: string[]): ExpectationOutcome {
  return { ...base, actual, ok: actual === base.expected, reasons };
}

/** The lab's own marks, checked against one evaluation of its pattern. */
export function checkLabExpectations(state: LabState): ExpectationReport {
  const events = new Map(state.events.map((e) => [e.id, e]));
  const samples = new Map(
    Object.keys(state.expectations)
      .map((id) => events.get(id))
      .filter((e): e is LabEvent => e !== undefined)
      .map((e): [string, SampleEvent] => [e.id, { id: e.id, name: e.name, event: e.text }]),
  );
  const expectations = Object.entries(state.expectations).map(([sample, expect]) => ({ sample, expect }));
  if (expectations.length === 0) return summarize([]);
  return summarize([checkNode("lab", "lab pattern", state.kind === undefined || state.kind === "eventbridge" ? "rule" : "stream-source", [state.pattern], state.kind ?? "eventbridge", expectations, samples)]);
}

// ---------------------------------------------------------------------------------------------
// Exporting as a test file

export type TestFramework = "vitest" | "jest";

interface TestCase {
  readonly name: string;
  /** A record passes when any pattern matches (a rule has exactly one). */
  readonly patterns: readonly string[];
  readonly event: string;
  readonly expect: Expected;
}

/** The envelope TestEventPattern insists on, for stream records (Lambda filters them without one). */
const STREAM_ENVELOPE = {
  version: "0",
  id: "00000000-0000-4000-8000-000000000000",
  "detail-type": "Stream record",
  source: "switchyard.stream-record",
  account: "123456789012",
  time: "2026-01-01T00:00:00Z",
  region: "us-east-1",
  resources: [],
};

/**
 * The event text AWS's TestEventPattern can judge for a record: the decoded record (as Lambda's
 * filter sees it) with an EventBridge envelope around it; envelope keys the record has are its own.
 */
function recordAsEvent(text: string, kind: EventKind): string {
  if (kind === "eventbridge") return text;
  const record = JSON.parse(streamRecordForFilter(text, kind)) as Record<string, unknown>;
  return JSON.stringify({ ...STREAM_ENVELOPE, ...record });
}

function designCases(design: Design): TestCase[] {
  const samples = new Map((design.samples ?? []).map((s) => [s.id, s]));
  const cases: TestCase[] = [];
  for (const node of design.nodes) {
    let patterns: readonly string[];
    let label: string;
    let kind: EventKind = "eventbridge";
    if (node.kind === "rule") {
      if (node.trigger.type !== "pattern") continue;
      patterns = [node.trigger.pattern];
      label = `rule ${node.name}`;
    } else {
      const streamKind = streamKindOf(node);
      if (streamKind === undefined) continue;
      const stream = node as StreamNode;
      patterns = stream.filterCriteria.length > 0 ? stream.filterCriteria : ["{}"];
      label = `${stream.kind} ${stream.id} filter`;
      kind = streamKind;
    }
    const expectations = (node as { expectations?: readonly Expectation[] }).expectations ?? [];
    for (const e of expectations) {
      const sample = samples.get(e.sample);
      if (sample === undefined) continue;
      try {
        const event = recordAsEvent(sample.event, kind);
        cases.push({ name: `${label}: "${sample.name}" should ${e.expect === "match" ? "match" : "not match"}`, patterns, event, expect: e.expect });
      } catch {
        // A sample that is not JSON cannot be a test case; checkExpectations reports it.
      }
    }
  }
  return cases;
}

function labCases(state: LabState): TestCase[] {
  const kind = state.kind ?? "eventbridge";
  return state.events.flatMap((event) => {
    const expect = state.expectations[event.id];
    if (expect === undefined) return [];
    try {
      const text = recordAsEvent(event.text, kind);
      return [{ name: `"${event.name}" (${event.id}) should ${expect === "match" ? "match" : "not match"}`, patterns: [state.pattern], event: text, expect }];
    } catch {
      return [];
    }
  });
}

/** The file name the exported test is meant to have: plain JavaScript, ES module for Vitest, CommonJS for Jest. */
export function testFileName(framework: TestFramework): string {
  return framework === "vitest" ? "event-patterns.test.mjs" : "event-patterns.test.js";
}

function isDesign(source: Design | LabState): source is Design {
  return "nodes" in source;
}

/**
 * A self-contained test file: every expectation becomes a test that asks AWS's own
 * TestEventPattern API (the authority on matching), so the file runs in any CI with AWS
 * credentials.
 */
export function exportExpectationsAsTest(source: Design | LabState, framework: TestFramework): string {
  const cases = isDesign(source) ? designCases(source) : labCases(source);
  const title = isDesign(source) ? `${source.name}: event pattern expectations` : "Pattern lab expectations";
  const casesJson = JSON.stringify(cases, null, 2);
  const header = [
    `// ${title}`,
    "// Generated by Switchyard. AWS is the authority on event patterns: every case below calls the",
    "// real EventBridge TestEventPattern API through @aws-sdk/client-eventbridge, so this file checks",
    "// the patterns exactly as AWS will run them. It needs AWS credentials and a region (AWS_REGION)",
    "// from the usual SDK chain; EVENTBRIDGE_ENDPOINT points it at another endpoint, e.g. Switchyard's",
    "// local EventBridge. Stream records are tested as Lambda filters them (payload decoded), inside an",
    "// EventBridge envelope that TestEventPattern requires.",
    `// Save as ${testFileName(framework)} and run: ${framework === "vitest" ? `npx vitest run ${testFileName(framework)}` : `npx jest ${testFileName(framework)}`} (npm i -D ${framework} @aws-sdk/client-eventbridge)`,
  ].join("\n");
  const imports =
    framework === "vitest"
      ? 'import { describe, expect, it } from "vitest";\nimport { EventBridgeClient, TestEventPatternCommand } from "@aws-sdk/client-eventbridge";'
      : 'const { EventBridgeClient, TestEventPatternCommand } = require("@aws-sdk/client-eventbridge");';
  return `${header}
${imports}

const client = new EventBridgeClient(process.env.EVENTBRIDGE_ENDPOINT ? { endpoint: process.env.EVENTBRIDGE_ENDPOINT } : {});

const cases = ${casesJson};

/** A record passes when any of the patterns matches it (a rule has exactly one pattern). */
async function matches(patterns, event) {
  for (const pattern of patterns) {
    const answer = await client.send(new TestEventPatternCommand({ EventPattern: pattern, Event: event }));
    if (answer.Result === true) return true;
  }
  return false;
}

describe(${JSON.stringify(title)}, () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      expect(await matches(testCase.patterns, testCase.event)).toBe(testCase.expect === "match");
    }, 30000);
  }
});
`;
}

// ---------------------------------------------------------------------------------------------
// Report for people (npm run check)

/** The report as text lines: each node, each expectation ✓/✗ with the reason a broken one gives. */
export function formatExpectationReport(report: ExpectationReport): string[] {
  const lines: string[] = [];
  for (const node of report.nodes) {
    lines.push(`  ${node.label}`);
    for (const problem of node.problems) lines.push(`    ✗ ${problem}`);
    for (const o of node.outcomes) {
      const name = o.sampleName === undefined ? o.sampleId : `"${o.sampleName}"`;
      const wanted = o.expected === "match" ? "match" : "no match";
      if (o.actual === undefined) {
        if (node.problems.length === 0) lines.push(`    ✗ ${name}: expected ${wanted}, but ${o.reasons[0] ?? "it could not be tested"}`);
        else lines.push(`    ✗ ${name}: expected ${wanted}, not tested`);
        continue;
      }
      const verdict = o.actual === "match" ? "matches" : "does not match";
      if (o.ok) {
        lines.push(`    ✓ ${name} ${verdict}, as expected`);
      } else {
        lines.push(`    ✗ ${name} ${verdict}, expected ${wanted}`);
        // A surprising match shows what held; a surprising non-match shows what failed.
        for (const reason of o.reasons.slice(0, 6)) lines.push(`        ${reason}`);
      }
    }
  }
  return lines;
}
