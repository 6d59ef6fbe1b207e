/**
 * The pipes of one runtime at work: a RUNNING pipe with a local SQS source polls its queue
 * (batches of BatchSize, waiting up to MaximumBatchingWindowInSeconds for a batch to fill) and
 * deletes what it consumed, as Pipes does; one with a stream source reads the test records put on
 * that source from its starting position (TRIM_HORIZON: every record, LATEST: those put after it
 * started, AT_TIMESTAMP: those that arrived from StartingPositionTimestamp on). Test records live
 * in memory, like the local queues. Every batch's run
 * is stored (PipeRun) for the Events page.
 *
 * A failed batch is left in the queue, so it comes back after the visibility timeout.
 */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { OutboundHttp } from "../../boundary";
import { newId } from "../../ids";
import { parseArn } from "../../arn";
import type { JsonValue } from "../../transform";
import { describeForLog } from "../protocol/errors";
import { Params } from "../protocol/params";
import { requestApiDestination } from "../events/delivery";
import { putEvents } from "../events/operations/put-events";
import type { TargetSpec } from "../events/target-spec";
import type { BusRuntime } from "../runtime";
import type { LocalQueue } from "../sqs/queues";
import { runPipeBatch, type PipeDefinition, type PipeEffects, type PipeRun } from "./engine";
import { batchingOf, SOURCE_SETTINGS, sourceKindOf, sqsRecord, testRecord, type Batching } from "./source";

/** A stored pipe (the Pipe table's row). */
export interface PipeRow {
  readonly arn: string;
  readonly account: string;
  readonly name: string;
  readonly source: string;
  readonly sourceParameters: string;
  readonly enrichment: string | null;
  readonly enrichmentParameters: string | null;
  readonly target: string;
  readonly targetParameters: string | null;
  readonly currentState: string;
}

const PUT_EVENTS_MAX_ENTRIES = 10;
const MAX_RECEIVE = 10;
const IDLE_POLL_SECONDS = 1;

type Json = Record<string, unknown>;

const objectOf = (text: string | null): Json => (text === null ? {} : (JSON.parse(text) as Json));
const member = (parent: Json, name: string): Json => {
  const value = parent[name];
  return typeof value === "object" && value !== null ? (value as Json) : {};
};
const optionalText = (parent: Json, name: string): string | undefined => (typeof parent[name] === "string" ? parent[name] : undefined);

/** How a stored pipe runs: the engine's definition and its source's batching. */
export function definitionOf(row: PipeRow): { definition: PipeDefinition; batching: Batching } {
  const sourceKind = sourceKindOf(row.source);
  if (sourceKind === undefined) throw new Error(`Pipe ${row.name}: source ${row.source} is not a supported source.`);
  const sourceParameters = objectOf(row.sourceParameters);
  const enrichmentParameters = objectOf(row.enrichmentParameters);
  const targetParameters = objectOf(row.targetParameters);
  const filters = (member(sourceParameters, "FilterCriteria").Filters ?? []) as { Pattern?: string }[];
  return {
    definition: {
      arn: row.arn,
      name: row.name,
      source: row.source,
      sourceKind,
      filters: filters.flatMap((filter) => (filter.Pattern === undefined ? [] : [filter.Pattern])),
      enrichment: row.enrichment ?? undefined,
      enrichmentTemplate: optionalText(enrichmentParameters, "InputTemplate"),
      enrichmentHttpParameters: enrichmentParameters.HttpParameters,
      target: row.target,
      targetTemplate: optionalText(targetParameters, "InputTemplate"),
      targetParameters,
    },
    batching: batchingOf(sourceKind, sourceParameters),
  };
}

interface StreamRecord {
  readonly record: Readonly<Record<string, JsonValue>>;
  readonly arrivedAt: number;
}

interface RunningPipe {
  readonly row: PipeRow;
  readonly definition: PipeDefinition;
  readonly batching: Batching;
  readonly abort: AbortController;
  /** Stream sources: the index of the next test record to read. */
  cursor: number;
  draining: Promise<void> | undefined;
  cancelWindow: (() => void) | undefined;
}

export class PipeService {
  private readonly running = new Map<string, RunningPipe>();
  /** Test records put on stream sources, by source ARN, in arrival order. */
  private readonly streams = new Map<string, StreamRecord[]>();
  private readonly outbound: OutboundHttp;
  private lambda: LambdaClient | undefined;
  private readonly effects: PipeEffects;

  constructor(private readonly runtime: BusRuntime) {
    this.outbound = new OutboundHttp(runtime.config.allowedOutboundHosts);
    this.effects = {
      invokeLambda: (arn, payload) => this.invokeLambda(arn, payload),
      callApiDestination: (arn, body, http) => this.callApiDestination(arn, body, http as TargetSpec["HttpParameters"]),
      deliver: (arn, payloads, pipe) => this.deliver(arn, payloads, pipe),
    };
  }

  /** Resumes the pipes that were running when the last process stopped. */
  async start(): Promise<void> {
    const rows = await this.runtime.db.pipe.findMany({ where: { currentState: "RUNNING" } });
    for (const row of rows) this.run(row);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.keys()].map((arn) => this.halt(arn)));
    this.lambda?.destroy();
    await this.outbound.close();
  }

  /** Starts a pipe's work (it is RUNNING). */
  run(row: PipeRow): void {
    if (this.running.has(row.arn)) return;
    let prepared: ReturnType<typeof definitionOf>;
    try {
      prepared = definitionOf(row);
    } catch (error) {
      console.error(`[pipes] ${describeForLog(error)}`);
      return;
    }
    const pipe: RunningPipe = { row, ...prepared, abort: new AbortController(), cursor: 0, draining: undefined, cancelWindow: undefined };
    this.running.set(row.arn, pipe);
    if (pipe.definition.sourceKind === "sqs") {
      pipe.draining = this.pollQueue(pipe).catch((error: unknown) => console.error(`[pipes] ${row.name} stopped polling: ${describeForLog(error)}`));
      return;
    }
    pipe.cursor = this.startingIndex(pipe);
    this.drainStream(pipe);
  }

  /** Stops a pipe's work; resolves when its batch under way has finished. */
  async halt(arn: string): Promise<void> {
    const pipe = this.running.get(arn);
    if (pipe === undefined) return;
    this.running.delete(arn);
    pipe.abort.abort();
    pipe.cancelWindow?.();
    await pipe.draining;
  }

  /** Test records for a stream source: running pipes on it read them from their positions. Returns how many were accepted. */
  putTestRecords(sourceArn: string, records: readonly Readonly<Record<string, JsonValue>>[]): number {
    const stream = this.streams.get(sourceArn) ?? [];
    this.streams.set(sourceArn, stream);
    const now = this.runtime.clock.now();
    for (const record of records) stream.push({ record, arrivedAt: now });
    for (const pipe of this.running.values()) if (pipe.definition.source === sourceArn) this.drainStream(pipe);
    return records.length;
  }

  /** Resolves once every running stream pipe has read what is available to it (a batch waiting out its window counts as read). */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()].filter((p) => p.definition.sourceKind !== "sqs").map((p) => p.draining));
  }

  private startingIndex(pipe: RunningPipe): number {
    const stream = this.streams.get(pipe.definition.source) ?? [];
    const parameters = member(objectOf(pipe.row.sourceParameters), SOURCE_SETTINGS[pipe.definition.sourceKind].member);
    const position = optionalText(parameters, "StartingPosition") ?? "LATEST";
    if (position === "TRIM_HORIZON") return 0;
    if (position === "AT_TIMESTAMP") {
      const at = typeof parameters.StartingPositionTimestamp === "number" ? parameters.StartingPositionTimestamp * 1000 : 0;
      const index = stream.findIndex((entry) => entry.arrivedAt >= at);
      return index === -1 ? stream.length : index;
    }
    // LATEST: what arrives from now on.
    return stream.length;
  }

  /** Reads a stream pipe's available records in batches; a partial batch waits out the batching window first. */
  private drainStream(pipe: RunningPipe): void {
    if (pipe.draining !== undefined) return;
    pipe.draining = (async () => {
      const stream = this.streams.get(pipe.definition.source) ?? [];
      while (!pipe.abort.signal.aborted && pipe.cursor < stream.length) {
        const available = stream.length - pipe.cursor;
        const windowEnds = stream[pipe.cursor].arrivedAt + pipe.batching.windowMs;
        if (available < pipe.batching.batchSize && this.runtime.clock.now() < windowEnds) {
          pipe.cancelWindow?.();
          pipe.cancelWindow = this.runtime.clock.wakeAt(windowEnds, () => this.drainStream(pipe));
          return;
        }
        const batch = stream.slice(pipe.cursor, pipe.cursor + pipe.batching.batchSize);
        pipe.cursor += batch.length;
        const region = this.runtime.config.region;
        await this.runBatch(pipe, batch.map((entry) => testRecord(pipe.definition.sourceKind, entry.record, pipe.definition.source, region)));
      }
    })()
      .catch((error: unknown) => console.error(`[pipes] ${pipe.row.name}: ${describeForLog(error)}`))
      .finally(() => {
        pipe.draining = undefined;
      });
  }

  private async pollQueue(pipe: RunningPipe): Promise<void> {
    const { signal } = pipe.abort;
    const { batchSize, windowMs } = pipe.batching;
    while (!signal.aborted) {
      const queue = this.runtime.queues.byArn(pipe.definition.source);
      if (queue === undefined) {
        // The queue may be created later (or lives in AWS): look again in a moment.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, IDLE_POLL_SECONDS * 1000);
          signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
        });
        continue;
      }
      const batch = await queue.receive({ max: Math.min(MAX_RECEIVE, batchSize), waitSeconds: IDLE_POLL_SECONDS, signal });
      if (batch.length === 0) continue;
      const windowEnds = Date.now() + windowMs;
      while (batch.length < batchSize && !signal.aborted && Date.now() < windowEnds) {
        batch.push(...(await queue.receive({ max: Math.min(MAX_RECEIVE, batchSize - batch.length), waitSeconds: (windowEnds - Date.now()) / 1000, signal })));
      }
      const region = this.runtime.config.region;
      const run = await this.runBatch(pipe, batch.map((message) => sqsRecord(message, queue.arn, region)));
      if (run.status !== "failed") deleteAll(queue, batch);
    }
  }

  private async runBatch(pipe: RunningPipe, records: JsonValue[]): Promise<PipeRun> {
    const run = await runPipeBatch(pipe.definition, records, this.effects, new Date(this.runtime.clock.now()));
    await this.runtime.db.pipeRun.create({ data: { id: newId("pipeRun"), pipeArn: pipe.row.arn, status: run.status, steps: JSON.stringify(run.steps) } });
    return run;
  }

  private async invokeLambda(functionArn: string, payload: string): Promise<string | undefined> {
    const endpoint = this.runtime.config.lambdaEndpoint;
    if (endpoint === undefined) return undefined;
    this.lambda ??= new LambdaClient({ endpoint, region: this.runtime.config.region, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    // `sam local start-lambda` knows functions by name: the ARN's `function:<name>` part.
    const name = parseArn(functionArn)?.resource.split(":")[1] ?? functionArn;
    const answer = await this.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "RequestResponse", Payload: new TextEncoder().encode(payload) }));
    const text = answer.Payload === undefined ? "" : new TextDecoder().decode(answer.Payload);
    if (answer.FunctionError !== undefined) throw new Error(`The function failed (${answer.FunctionError}): ${text}`);
    return text;
  }

  private async callApiDestination(arn: string, body: string, http: TargetSpec["HttpParameters"]): Promise<string> {
    const destination = await this.runtime.db.apiDestination.findUnique({ where: { arn } });
    if (destination === null) throw new Error(`API destination ${arn} does not exist.`);
    const answer = await requestApiDestination(this.outbound, destination, http, body);
    if (answer.status < 200 || answer.status >= 300) throw new Error(`${destination.endpoint} answered HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
    return answer.text;
  }

  /** Events to a local target: a bus through PutEvents (so its rules fire), a queue, an API destination. */
  private async deliver(targetArn: string, payloads: readonly string[], pipe: PipeDefinition): Promise<string | undefined> {
    const target = parseArn(targetArn);
    if (target?.service === "events" && target.resource.startsWith("event-bus/")) return this.putOnBus(targetArn, payloads, pipe);
    if (target?.service === "events" && target.resource.startsWith("api-destination/")) {
      const http = member(pipe.targetParameters, "HttpParameters") as TargetSpec["HttpParameters"];
      for (const payload of payloads) await this.callApiDestination(targetArn, payload, http);
      return `The API destination answered ${payloads.length} call(s) with a 2xx.`;
    }
    if (target?.service === "sqs") {
      const queue = this.runtime.queues.byArn(targetArn);
      if (queue === undefined) throw new Error(`Queue ${targetArn} does not exist on the local endpoint.`);
      for (const payload of payloads) queue.send(payload, { senderId: pipe.arn });
      return `${payloads.length} message(s) sent to ${queue.name}.`;
    }
    return undefined;
  }

  private async putOnBus(busArn: string, payloads: readonly string[], pipe: PipeDefinition): Promise<string> {
    const parameters = member(pipe.targetParameters, "EventBridgeEventBusParameters");
    const scope = { account: parseArn(pipe.arn)?.account ?? this.runtime.config.defaultAccount, region: this.runtime.config.region };
    const entryOf = (detail: string) => ({
      EventBusName: busArn,
      Source: optionalText(parameters, "Source") ?? `Pipe ${pipe.name}`,
      DetailType: optionalText(parameters, "DetailType") ?? `Event from ${SOURCE_SETTINGS[pipe.sourceKind].eventSource}`,
      Detail: detail,
      Resources: Array.isArray(parameters.Resources) ? parameters.Resources : [],
      ...(typeof parameters.Time === "string" ? { Time: Date.parse(parameters.Time) / 1000 } : {}),
    });
    const failures: string[] = [];
    for (let i = 0; i < payloads.length; i += PUT_EVENTS_MAX_ENTRIES) {
      const entries = payloads.slice(i, i + PUT_EVENTS_MAX_ENTRIES).map(entryOf);
      const answer = (await putEvents(Params.of({ Entries: entries }), { scope, db: this.runtime.db, runtime: this.runtime })) as {
        Entries: { ErrorCode?: string; ErrorMessage?: string }[];
      };
      for (const entry of answer.Entries) if (entry.ErrorCode !== undefined) failures.push(`${entry.ErrorCode}: ${entry.ErrorMessage ?? ""}`);
    }
    if (failures.length > 0) throw new Error(`PutEvents refused ${failures.length} of ${payloads.length} event(s): ${failures.join("; ")}`);
    return `PutEvents accepted ${payloads.length} event(s) on ${busArn}.`;
  }
}

function deleteAll(queue: LocalQueue, messages: readonly { receiptHandle: string | undefined }[]): void {
  for (const message of messages) {
    if (message.receiptHandle === undefined) continue;
    try {
      queue.deleteMessage(message.receiptHandle);
    } catch {
      // Received again meanwhile (visibility timeout passed): the newer receive owns it.
    }
  }
}
