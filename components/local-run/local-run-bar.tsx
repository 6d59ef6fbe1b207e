"use client";

import Link from "next/link";
import { requestJson } from "@/components/api-client";
import { useState } from "react";
import { newBusNameOf } from "@/lib/arn";
import type { DeployReport, OutboundHost } from "@/lib/run-locally/deploy-design";
import { designPathOf, firedPathOf } from "@/lib/run-locally/design-path";
import type { TestEventPath } from "@/lib/run-locally/test-event";
import type { SentPipeRecords } from "@/lib/run-locally/pipe-records";
import { nodeTitle } from "@/components/canvas/kind-views";
import { categoryOf, scheduleNameOf, targetIdOf, validateDesign, type Design, type DesignNode, type NodeOfKind, type RuleNode } from "@/lib/graph";
import type { SubscriberStateChange } from "@/lib/run-locally/subscriber-state";
import type { Invocation } from "@/lib/emulator/scheduler/runner";
import { mskEndpoints, runKafkaMapping, type MappingRun } from "@/lib/streams/kafka";
import type { CanvasHighlight } from "@/components/canvas/highlight";

type Outcome =
  | { readonly kind: "idle" }
  | { readonly kind: "busy"; readonly what: string }
  | { readonly kind: "deployed"; readonly report: DeployReport; readonly loops: readonly string[] }
  | { readonly kind: "sent"; readonly paths: readonly TestEventPath[]; readonly targetNames: ReadonlyMap<string, string> }
  | { readonly kind: "fired"; readonly rule: string; readonly path: TestEventPath; readonly targetNames: ReadonlyMap<string, string> }
  | { readonly kind: "schedule-fired"; readonly name: string; readonly invocation: Invocation }
  | { readonly kind: "records"; readonly topic: string; readonly run: MappingRun }
  | { readonly kind: "pipe-records"; readonly source: string; readonly sent: SentPipeRecords }
  | { readonly kind: "subscriber"; readonly name: string; readonly change: SubscriberStateChange }
  | { readonly kind: "failed"; readonly message: string };

function post<T>(url: string, body?: unknown): Promise<T> {
  return requestJson<T>(url, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Producers (and functions) that put events on a bus: the ones a test event can start from. */
function sendingProducers(design: Design) {
  const feeding = new Set(design.edges.filter((e) => e.kind === "puts-events").map((e) => e.source));
  return design.nodes.filter((node) => (categoryOf(node.kind) === "producer" || node.kind === "lambda") && feeding.has(node.id));
}

/** Kafka topics read by a function's event source mapping: "Send test records" runs their samples. */
function kafkaSources(design: Design): NodeOfKind<"kafka-topic">[] {
  const read = new Set(design.edges.filter((e) => e.kind === "feeds-function").map((e) => e.source));
  return design.nodes.filter((node): node is NodeOfKind<"kafka-topic"> => node.kind === "kafka-topic" && node.reader === "event-source-mapping" && read.has(node.id));
}

/** EventBridge Scheduler schedules: "Fire now" invokes their target at once (after Run locally). */
function schedulerSchedules(design: Design): NodeOfKind<"schedule">[] {
  return design.nodes.filter((node): node is NodeOfKind<"schedule"> => node.kind === "schedule");
}

/** Sources a pipe reads that have sample records: "Send test records" puts them where the pipe reads them. */
function pipeSources(design: Design): DesignNode[] {
  const read = new Set(design.edges.filter((e) => e.kind === "feeds-pipe").map((e) => e.source));
  const sampled = new Set((design.samples ?? []).map((s) => s.producer));
  return design.nodes.filter((node) => read.has(node.id) && sampled.has(node.id));
}

/** Rules that run on a schedule: "Fire now" sends their Scheduled Event at once. */
function scheduleRules(design: Design): RuleNode[] {
  return design.nodes.filter((node): node is RuleNode => node.kind === "rule" && node.trigger.type === "schedule");
}

function label(node: DesignNode): string {
  if (node.kind === "lambda") return node.functionName;
  if (node.kind === "kafka-topic") return `topic ${node.topic}`;
  if (node.kind === "sqs-queue-source") return `queue ${node.queueName}`;
  return "name" in node && typeof node.name === "string" && node.name !== "" ? node.name : node.id;
}

/** Lambda's view of a Kafka topic's sample records: filtered out, and the batches the function receives. */
function sendTestRecords(design: Design, topic: NodeOfKind<"kafka-topic">): MappingRun {
  const records = (design.samples ?? []).filter((s) => s.producer === topic.id).map((s) => ({ name: s.name, text: s.event }));
  const endpoints =
    topic.cluster === "msk"
      ? mskEndpoints({ clusterName: topic.clusterName, account: topic.account ?? "000000000000", region: "us-east-1" })
      : { bootstrapServers: topic.clusterName };
  return runKafkaMapping(records, { batchSize: topic.batchSize, filterCriteria: topic.filterCriteria, ...endpoints });
}

/** The rule name of a rule ARN (`…:rule/name` on the default bus, `…:rule/bus/name` elsewhere). */
function ruleName(ruleArn: string): string {
  return ruleArn.slice(ruleArn.lastIndexOf("/") + 1);
}

/** A delivery's key in `targetNames`. */
const deliveryKey = (d: { ruleArn: string; targetId: string }) => `${d.ruleArn} ${d.targetId}`;

/** Each delivery's target as the canvas names it (its node's title), found through the rule that sent it. */
function targetNamesOf(design: Design, paths: readonly TestEventPath[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const delivery of paths.flatMap((p) => p.deliveries)) {
    const rule = design.nodes.find((n) => n.kind === "rule" && n.name === ruleName(delivery.ruleArn));
    const target = design.edges
      .filter((e) => e.kind === "invokes" && e.source === rule?.id)
      .map((e) => design.nodes.find((n) => n.id === e.target))
      .find((node) => node !== undefined && targetIdOf(node) === delivery.targetId);
    if (target) names.set(deliveryKey(delivery), nodeTitle(target));
  }
  return names;
}

/** The design's event loops (errors and possible ones), as the problems panel words them. */
function eventLoops(design: Design): string[] {
  return validateDesign(design)
    .filter((p) => p.code === "event-loop" || p.code === "possible-event-loop")
    .map((p) => p.message);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "Run locally" deploys the saved design to the local EventBridge; "Send test event" puts a
 * producer's event on it and lights up the path it took on the canvas. A group of controls for
 * the editor's toolbar; what they did shows in a card under them.
 */
export function LocalRunBar({
  designId,
  currentDesign,
  saved,
  onHighlight,
}: {
  designId: string;
  /** The document as edited now (for the producer list). */
  currentDesign: Design;
  /** Resolves when the edited document is saved: the server deploys what is saved. */
  saved: () => Promise<void>;
  onHighlight: (highlight: CanvasHighlight | undefined) => void;
}) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const producers = sendingProducers(currentDesign);
  const [producerId, setProducerId] = useState("");
  const chosen = producers.some((p) => p.id === producerId) ? producerId : (producers[0]?.id ?? "");
  const samples = (currentDesign.samples ?? []).filter((sample) => sample.producer === chosen);
  const [sampleId, setSampleId] = useState("");
  const chosenSample = samples.some((s) => s.id === sampleId) ? sampleId : (samples[0]?.id ?? "");
  const topics = kafkaSources(currentDesign);
  const piped = pipeSources(currentDesign);
  const subscribers = currentDesign.nodes.filter((node): node is NodeOfKind<"subscriber"> => node.kind === "subscriber");
  /** Subscribers' run states on the local endpoint, known once the design is deployed. */
  const [localStates, setLocalStates] = useState<Readonly<Record<string, SubscriberStateChange["state"]>> | undefined>(undefined);
  const schedules = scheduleRules(currentDesign);
  const scheduler = schedulerSchedules(currentDesign);

  const run = async (what: string, action: () => Promise<Outcome>) => {
    setOutcome({ kind: "busy", what });
    onHighlight(undefined);
    try {
      await saved();
      setOutcome(await action());
    } catch (error) {
      setOutcome({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  const deploy = () =>
    run("Deploying…", async () => {
      const report = await post<DeployReport>(`/api/designs/${encodeURIComponent(designId)}/run-locally`);
      setLocalStates(Object.fromEntries(subscribers.map((s) => [s.id, s.state])));
      return { kind: "deployed", report, loops: eventLoops(currentDesign) };
    });

  const setSubscriberState = (subscriber: NodeOfKind<"subscriber">, state: SubscriberStateChange["state"]) =>
    run(state === "STOPPED" ? "Pausing…" : "Resuming…", async () => {
      const change = await post<SubscriberStateChange>(`/api/designs/${encodeURIComponent(designId)}/subscriber-state`, { nodeId: subscriber.id, state });
      setLocalStates((states) => ({ ...states, [subscriber.id]: change.state }));
      return { kind: "subscriber", name: subscriber.name, change };
    });

  const send = () =>
    run("Sending…", async () => {
      const { paths } = await post<{ paths: TestEventPath[] }>(`/api/designs/${encodeURIComponent(designId)}/send-test-event`, {
        producerId: chosen,
        ...(chosenSample === "" ? {} : { sampleId: chosenSample }),
      });
      const path = designPathOf(currentDesign, chosen, paths);
      onHighlight({ nodeIds: new Set(path.nodeIds), edgeIds: new Set(path.edgeIds) });
      return { kind: "sent", paths, targetNames: targetNamesOf(currentDesign, paths) };
    });

  const fire = (rule: RuleNode) =>
    run("Firing…", async () => {
      const { path } = await post<{ path: TestEventPath }>(`/api/designs/${encodeURIComponent(designId)}/fire-schedule`, { ruleId: rule.id });
      const lit = firedPathOf(currentDesign, rule.id, path);
      onHighlight({ nodeIds: new Set(lit.nodeIds), edgeIds: new Set(lit.edgeIds) });
      return { kind: "fired", rule: rule.name, path, targetNames: targetNamesOf(currentDesign, [path]) };
    });

  const fireSchedule = (schedule: NodeOfKind<"schedule">) =>
    run("Firing…", async () => {
      const { invocation } = await post<{ invocation: Invocation }>(`/api/designs/${encodeURIComponent(designId)}/fire-schedule`, { scheduleId: schedule.id });
      return { kind: "schedule-fired", name: scheduleNameOf(schedule), invocation };
    });

  const sendRecords = (topic: NodeOfKind<"kafka-topic">) => {
    onHighlight(undefined);
    setOutcome({ kind: "records", topic: topic.topic, run: sendTestRecords(currentDesign, topic) });
  };

  const sendPipeRecords = (source: DesignNode) =>
    run("Sending…", async () => {
      const sent = await post<SentPipeRecords>(`/api/designs/${encodeURIComponent(designId)}/send-pipe-records`, { sourceId: source.id });
      return { kind: "pipe-records", source: label(source), sent };
    });

  const button =
    "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";
  const busy = outcome.kind === "busy";

  return (
    <div role="group" aria-label="Local EventBridge" className="relative flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium text-slate-600 dark:text-slate-300">Local EventBridge:</span>
      <button type="button" className={button} onClick={deploy} disabled={busy}>
        Run locally
      </button>
      <label className="sr-only" htmlFor="test-event-producer">
        Producer of the test event
      </label>
      <select
        id="test-event-producer"
        value={chosen}
        onChange={(e) => setProducerId(e.target.value)}
        disabled={producers.length === 0 || busy}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      >
        {producers.length === 0 && <option value="">No producer puts events on a bus</option>}
        {producers.map((p) => (
          <option key={p.id} value={p.id}>
            {label(p)}
          </option>
        ))}
      </select>
      {samples.length > 0 && (
        <>
          <label className="sr-only" htmlFor="test-event-sample">
            Sample event
          </label>
          <select
            id="test-event-sample"
            value={chosenSample}
            onChange={(e) => setSampleId(e.target.value)}
            disabled={busy}
            className="max-w-64 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
          >
            {samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" className={button} onClick={send} disabled={busy || chosen === ""}>
        Send test event
      </button>
      {topics.map((topic) => (
        <button key={topic.id} type="button" className={button} onClick={() => sendRecords(topic)} disabled={busy} title={`Runs the samples of topic ${topic.topic} through the mapping's filter and batching`}>
          {topics.length > 1 ? `Send test records (${topic.topic})` : "Send test records"}
        </button>
      ))}
      {piped.map((source) => (
        <button key={source.id} type="button" className={button} onClick={() => void sendPipeRecords(source)} disabled={busy} title={`Puts the samples of ${label(source)} where its pipe reads them; the pipe runs them on the local endpoint`}>
          {piped.length > 1 ? `Send test records (${label(source)})` : "Send test records to the pipe"}
        </button>
      ))}
      {schedules.map((rule) => (
        <button key={rule.id} type="button" className={button} onClick={() => fire(rule)} disabled={busy} title={`Sends rule ${rule.name}'s Scheduled Event to its targets now, as its schedule (${rule.trigger.type === "schedule" ? rule.trigger.expression : ""}) would`}>
          {schedules.length > 1 ? `Fire ${rule.name} now` : "Fire schedule now"}
        </button>
      ))}
      {scheduler.map((schedule) => (
        <button key={schedule.id} type="button" className={button} onClick={() => fireSchedule(schedule)} disabled={busy} title={`Invokes schedule ${scheduleNameOf(schedule)}'s target now (${schedule.expression}), with the payload a scheduled fire sends; choose Run locally first`}>
          Fire {scheduleNameOf(schedule)} now
        </button>
      ))}
      {localStates !== undefined && subscribers.length > 0 && (
        <section aria-label="Subscribers on the local endpoint" className="flex basis-full flex-wrap items-center gap-2 pb-1 text-xs text-slate-600 dark:text-slate-300">
          <span className="font-medium">Subscribers:</span>
          {subscribers.map((subscriber) => {
            const stopped = localStates[subscriber.id] === "STOPPED";
            return (
              <span key={subscriber.id} data-testid="local-subscriber" data-state={stopped ? "STOPPED" : "RUNNING"} className="flex items-center gap-1">
                <span className="font-mono">{subscriber.name}</span>
                <span className={stopped ? "text-amber-700 dark:text-amber-400" : "text-emerald-700 dark:text-emerald-400"}>{stopped ? "paused" : "running"}</span>
                <button type="button" className={button} disabled={busy} onClick={() => void setSubscriberState(subscriber, stopped ? "RUNNING" : "STOPPED")}>
                  {stopped ? `Resume ${subscriber.name}` : `Pause ${subscriber.name}`}
                </button>
              </span>
            );
          })}
        </section>
      )}
      {/* Under the controls, over the canvas's corner: the canvas keeps its size; Close (or the next action) replaces it. */}
      <div
        data-testid="local-run-outcome"
        className={
          outcome.kind === "idle"
            ? "sr-only"
            : "absolute right-0 top-full z-20 mt-3 max-h-[60vh] w-[34rem] max-w-[calc(100vw-2rem)] space-y-2 overflow-y-auto rounded-md border border-slate-200 bg-white p-3 text-slate-700 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
        }
      >
        <div className="flex items-start gap-2">
          <p role="status" data-testid="local-run-status" className="min-w-0 flex-1">
            <OutcomeText outcome={outcome} />
          </p>
          {outcome.kind !== "idle" && outcome.kind !== "busy" && (
            <button type="button" onClick={() => setOutcome({ kind: "idle" })} aria-label="Close" title="Close" className="rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100">
              ✕
            </button>
          )}
        </div>
        {outcome.kind === "records" && <RecordsView run={outcome.run} />}
        {outcome.kind === "schedule-fired" && (
          <pre data-testid="local-run-schedule-payload" className="max-h-48 max-w-full overflow-auto rounded-md border border-slate-200 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950">
            {outcome.invocation.payload}
          </pre>
        )}
        {outcome.kind === "deployed" && outcome.report.outboundHosts.length > 0 && <OutboundHostsView hosts={outcome.report.outboundHosts} />}
      </div>
    </div>
  );
}

/** The hosts the design's API destinations will call, each with whether Switchyard may reach it. */
function OutboundHostsView({ hosts }: { hosts: readonly OutboundHost[] }) {
  return (
    <section aria-label="Hosts this design calls" data-testid="local-run-hosts" className="text-xs text-slate-600 dark:text-slate-300">
      <span className="font-medium">API destinations will call:</span>
      <ul className="mt-0.5 space-y-0.5">
        {hosts.map((host) => (
          <li key={host.host} data-allowed={host.allowed}>
            <span className="font-mono">{host.host}</span> ({host.nodeIds.join(", ")}){" "}
            {host.allowed ? (
              <span className="text-emerald-700 dark:text-emerald-400">allowed</span>
            ) : (
              <span className="text-red-700 dark:text-red-400">not called: {host.reason}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the function would receive: the batches as JSON text, and the records the filter dropped. */
function RecordsView({ run }: { run: MappingRun }) {
  return (
    <section aria-label="Test records" data-testid="kafka-test-records" className="min-w-0 space-y-1">
      {run.problems.length > 0 && (
        <ul className="text-red-700 dark:text-red-400">
          {run.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <p data-testid="kafka-filtered-out">
        Filtered out: {run.filteredOut.length === 0 ? "none" : run.filteredOut.map((r) => r.name).join(", ")}
      </p>
      <p>The function receives {count(run.batches.length, "batch", "batches")}:</p>
      <pre data-testid="kafka-batches" className="max-h-48 max-w-full overflow-auto rounded-md border border-slate-200 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950">
        {JSON.stringify(run.batches, null, 2)}
      </pre>
    </section>
  );
}

function OutcomeText({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case "idle":
      return null;
    case "busy":
      return <>{outcome.what}</>;
    case "failed":
      return <span className="text-red-700 dark:text-red-400">{outcome.message}</span>;
    case "subscriber":
      return outcome.change.state === "STOPPED" ? (
        <>Subscriber {outcome.name} paused: its events wait as a backlog.</>
      ) : (
        <>
          Subscriber {outcome.name} resumed: {count(outcome.change.released, "waiting event", "waiting events")} delivered.{" "}
          <Link href="/events" className="text-indigo-700 underline dark:text-indigo-300">
            See them in Events
          </Link>
        </>
      );
    case "deployed": {
      const { report, loops } = outcome;
      const newBus =
        report.newBuses.length === 0 ? "" : `, ${count(report.newBuses.length, "Custom Event Bus", "Custom Event Buses")}, ${count(report.subscribers.length, "subscriber", "subscribers")}`;
      const schedules = report.schedules.length === 0 ? "" : `, ${count(report.schedules.length, "schedule", "schedules")}`;
      const pipes = report.pipes.length === 0 ? "" : `, ${count(report.pipes.length, "pipe", "pipes")}`;
      const summary = `Running locally: ${count(report.buses.length, "bus", "buses")}, ${count(report.rules.length, "rule", "rules")}, ${count(report.targets, "target", "targets")}${newBus}${schedules}${pipes}.`;
      const problems = report.problems.map((p) => `${p.nodeId}: ${p.message}`).join("; ");
      return (
        <>
          {summary}
          {problems && <span className="text-amber-800 dark:text-amber-300"> {count(report.problems.length, "problem", "problems")}: {problems}</span>}
          {loops.map((loop) => (
            <span key={loop} data-testid="local-run-loop" className="block text-amber-800 dark:text-amber-300">
              {loop}. Locally a bus takes each event once, so a looping event stops after one round.
            </span>
          ))}
        </>
      );
    }
    case "records":
      return (
        <>
          Test records of topic {outcome.topic}: {count(outcome.run.passed.length, "record", "records")} passed the filter, {outcome.run.filteredOut.length} filtered out, in{" "}
          {count(outcome.run.batches.length, "batch", "batches")}.
        </>
      );
    case "pipe-records": {
      const { sent } = outcome;
      const only = sent.pipeArns.length === 1 ? sent.pipeArns[0] : undefined;
      return (
        <>
          Sent {count(sent.sent, "test record", "test records")} to {outcome.source}: {count(sent.pipeArns.length, "pipe reads", "pipes read")} them.{" "}
          <Link href={only === undefined ? "/events" : `/events?pipe=${encodeURIComponent(only)}`} className="whitespace-nowrap font-medium text-indigo-700 underline dark:text-indigo-300">
            See the pipe&apos;s steps in Events
          </Link>
        </>
      );
    }
    case "fired":
      return (
        <>
          Rule {outcome.rule} fired its Scheduled Event: <Deliveries paths={[outcome.path]} targetNames={outcome.targetNames} />
        </>
      );
    case "schedule-fired": {
      const { invocation } = outcome;
      return (
        <>
          Schedule {outcome.name} invoked {invocation.targetArn} ({invocation.outcome}
          {invocation.note === undefined ? "" : `: ${invocation.note}`}) for {invocation.scheduledTime}.{" "}
          <Link href={`/events?text=${encodeURIComponent(invocation.executionId)}`} className="whitespace-nowrap font-medium text-indigo-700 underline dark:text-indigo-300">
            See it in Events
          </Link>
        </>
      );
    }
    case "sent": {
      const onNewBus = (path: TestEventPath) => newBusNameOf(path.busArn) !== undefined;
      const rules = outcome.paths.filter((p) => !onNewBus(p)).reduce((sum, p) => sum + p.matchedRules.length, 0);
      const subscribers = outcome.paths.filter(onNewBus).reduce((sum, p) => sum + p.matchedRules.length, 0);
      const matched = [
        ...(rules > 0 || subscribers === 0 ? [count(rules, "rule", "rules")] : []),
        ...(subscribers > 0 ? [count(subscribers, "subscriber", "subscribers")] : []),
      ].join(" and ");
      return (
        <>
          Test event matched {matched}, <Deliveries paths={outcome.paths} targetNames={outcome.targetNames} />
        </>
      );
    }
  }
}

/** "2 deliveries (orders: inbox, hook: pending). See it in Events", targets by their names on the canvas. */
function Deliveries({ paths, targetNames }: { paths: readonly TestEventPath[]; targetNames: ReadonlyMap<string, string> }) {
  const deliveries = paths.flatMap((p) => p.deliveries);
  const eventId = paths[0]?.eventId;
  return (
    <>
      {count(deliveries.length, "delivery", "deliveries")}
      {deliveries.length > 0 && ` (${deliveries.map((d) => `${targetNames.get(deliveryKey(d)) ?? d.targetId}: ${d.status}`).join(", ")})`}.{" "}
      <Link href={eventId ? `/events?text=${encodeURIComponent(eventId)}` : "/events"} className="whitespace-nowrap font-medium text-indigo-700 underline dark:text-indigo-300">
        See it in Events
      </Link>
    </>
  );
}
