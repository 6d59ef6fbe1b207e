/**
 * One batch through a pipe: source → filter → enrichment → target, every step recorded for the
 * Events page (what entered, what the filter dropped, the enrichment's answer, what the target
 * received).
 *
 * - Filter: a record passes when any FilterCriteria pattern matches it as the source delivers it
 *   to the filter (lib/streams/filter-view.ts); filtered records are consumed, not retried.
 * - Enrichment: Lambda and Step Functions get the batch as one JSON array; an API destination or
 *   API Gateway, which take no batches, one request per event. The answer replaces the events:
 *   an array is several events, `""`, `{}` or `[]` none (the target is then not invoked)
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html).
 * - Target: Lambda and Step Functions get the batch, other targets one event at a time
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-batching-concurrency.html).
 *
 * What calls out (HTTP, Lambda, the local bus and queues) is the `PipeEffects` given, so this
 * file stays the pipe's semantics alone.
 */
import { compilePattern, flattenJson, matchesEvent, parseJson, type CompiledPattern } from "../../pattern";
import { anyCriterionPasses, streamRecordForFilter } from "../../streams/filter-view";
import { UndeliverableInputError, type JsonValue } from "../../transform";
import { SOURCE_SETTINGS, type PipeSourceKind } from "./source";
import { renderPipeTemplate, type PipeTemplateContext } from "./template";

export interface PipeDefinition {
  readonly arn: string;
  readonly name: string;
  readonly source: string;
  readonly sourceKind: PipeSourceKind;
  /** FilterCriteria.Filters[].Pattern texts (already validated). */
  readonly filters: readonly string[];
  readonly enrichment?: string;
  readonly enrichmentTemplate?: string;
  /** EnrichmentParameters.HttpParameters (an API destination or API Gateway enrichment). */
  readonly enrichmentHttpParameters?: unknown;
  readonly target: string;
  readonly targetTemplate?: string;
  /** TargetParameters as given (EventBridgeEventBusParameters, SqsQueueParameters…). */
  readonly targetParameters: Readonly<Record<string, unknown>>;
}

/** What a pipe's calls reach; the runtime gives the real ones (runtime-effects.ts). */
export interface PipeEffects {
  /** Invokes a Lambda function (RequestResponse) and returns its answer; undefined when no Lambda endpoint is configured. */
  invokeLambda(functionArn: string, payload: string): Promise<string | undefined>;
  /** Calls an API destination with one event; returns the answer's text (throws on a failed call). */
  callApiDestination(destinationArn: string, body: string, httpParameters: unknown): Promise<string>;
  /** Delivers events to a target other than Lambda; returns what became of them, or undefined when the target is not emulated locally. */
  deliver(targetArn: string, payloads: readonly string[], pipe: PipeDefinition): Promise<string | undefined>;
}

export type PipeStep =
  | { readonly step: "source"; readonly records: readonly JsonValue[] }
  | { readonly step: "filter"; readonly passed: number; readonly dropped: readonly JsonValue[] }
  | {
      readonly step: "enrichment";
      readonly arn: string;
      readonly outcome: "answered" | "not-invoked" | "failed";
      /** What the enrichment received (one entry per call). */
      readonly requests: readonly string[];
      readonly responses: readonly string[];
      readonly detail?: string;
    }
  | {
      readonly step: "target";
      readonly arn: string;
      readonly outcome: "delivered" | "not-invoked" | "failed";
      /** What the target received (one entry per invocation). */
      readonly payloads: readonly string[];
      readonly detail?: string;
    };

/** How a batch ended: delivered, all filtered out (or enriched to nothing), stopped at a step that cannot run locally, or failed. */
export type PipeRunStatus = "delivered" | "filtered" | "stopped" | "failed";

export interface PipeRun {
  readonly status: PipeRunStatus;
  readonly steps: readonly PipeStep[];
}

const BATCH_TARGETS = new Set(["lambda", "states"]);

function serviceOf(arn: string): string {
  return arn.split(":")[2] ?? "";
}

function isApiDestination(arn: string): boolean {
  return serviceOf(arn) === "events" && arn.split(":")[5]?.startsWith("api-destination/") === true;
}

function compileFilters(texts: readonly string[]): CompiledPattern[] {
  return texts.map((text) => compilePattern(text));
}

/** The records that pass the filter criteria, and the dropped ones. */
export function filterRecords(pipe: Pick<PipeDefinition, "filters" | "sourceKind">, records: readonly JsonValue[]): { passed: JsonValue[]; dropped: JsonValue[] } {
  const filters = compileFilters(pipe.filters);
  const view = SOURCE_SETTINGS[pipe.sourceKind].view;
  const passed: JsonValue[] = [];
  const dropped: JsonValue[] = [];
  for (const record of records) {
    const text = JSON.stringify(record);
    const seen = view === undefined ? text : streamRecordForFilter(text, view);
    const flat = flattenJson(parseJson(seen));
    (anyCriterionPasses(filters, (filter) => matchesEvent(filter, flat)).passes ? passed : dropped).push(record);
  }
  return { passed, dropped };
}

/** An answer as events: an array is its elements, an empty answer none. */
function eventsOfAnswer(text: string): JsonValue[] {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    return text === "" ? [] : [text];
  }
  if (Array.isArray(value)) return value;
  if (value === "" || (typeof value === "object" && value !== null && Object.keys(value).length === 0)) return [];
  return [value];
}

/** A template's output as an event: its JSON when it is JSON, else its text. */
function eventOfText(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** An event as the text a call carries: a string as itself, anything else as JSON. */
function textOf(event: JsonValue): string {
  return typeof event === "string" ? event : JSON.stringify(event);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runPipeBatch(pipe: PipeDefinition, records: readonly JsonValue[], effects: PipeEffects, now: Date = new Date()): Promise<PipeRun> {
  const steps: PipeStep[] = [{ step: "source", records }];
  const { passed, dropped } = filterRecords(pipe, records);
  if (pipe.filters.length > 0) steps.push({ step: "filter", passed: passed.length, dropped });
  if (passed.length === 0) return { status: "filtered", steps };

  const view = SOURCE_SETTINGS[pipe.sourceKind].view;
  const context: PipeTemplateContext = {
    pipeArn: pipe.arn,
    pipeName: pipe.name,
    sourceArn: pipe.source,
    enrichmentArn: pipe.enrichment,
    targetArn: pipe.target,
    ingestionTime: now.toISOString(),
  };
  let events: JsonValue[];
  try {
    const template = pipe.enrichmentTemplate;
    events = template === undefined ? passed : passed.map((record) => eventOfText(renderPipeTemplate(template, record, view, context)));
  } catch (error) {
    return { status: "failed", steps: [...steps, { step: "enrichment", arn: pipe.enrichment ?? "", outcome: "failed", requests: [], responses: [], detail: describe(error) }] };
  }
  if (pipe.enrichment !== undefined) {
    const enriched = await enrich(pipe.enrichment, events, pipe, effects);
    steps.push(enriched.step);
    if (enriched.step.outcome !== "answered") return { status: enriched.step.outcome === "failed" ? "failed" : "stopped", steps };
    events = enriched.events;
    if (events.length === 0) return { status: "filtered", steps };
  }

  let payloads: string[];
  try {
    // An enrichment's answer is no longer the source's record: its fields are read as they are.
    const targetView = pipe.enrichment === undefined ? view : undefined;
    const texts = events.map((event) => (pipe.targetTemplate === undefined ? textOf(event) : renderPipeTemplate(pipe.targetTemplate, event, targetView, context)));
    payloads = BATCH_TARGETS.has(serviceOf(pipe.target)) ? [JSON.stringify(texts.map(eventOfText))] : texts;
  } catch (error) {
    if (!(error instanceof UndeliverableInputError)) throw error;
    return { status: "failed", steps: [...steps, { step: "target", arn: pipe.target, outcome: "failed", payloads: [], detail: error.message }] };
  }
  const target = await invokeTarget(pipe, payloads, effects);
  steps.push(target);
  return { status: target.outcome === "delivered" ? "delivered" : target.outcome === "failed" ? "failed" : "stopped", steps };
}

async function enrich(arn: string, events: JsonValue[], pipe: PipeDefinition, effects: PipeEffects): Promise<{ step: PipeStep & { step: "enrichment" }; events: JsonValue[] }> {
  const service = serviceOf(arn);
  if (service === "lambda" || service === "states") {
    const request = JSON.stringify(events);
    const answer = service === "lambda" ? await effects.invokeLambda(arn, request).catch((error: unknown) => new Error(describe(error))) : undefined;
    if (answer instanceof Error) return { step: { step: "enrichment", arn, outcome: "failed", requests: [request], responses: [], detail: answer.message }, events: [] };
    if (answer === undefined) {
      const detail =
        service === "lambda"
          ? "No Lambda endpoint is configured (SWITCHYARD_LAMBDA_ENDPOINT, e.g. `sam local start-lambda`): the function would have received the request shown."
          : "Step Functions is not emulated locally: the state machine would have received the request shown.";
      return { step: { step: "enrichment", arn, outcome: "not-invoked", requests: [request], responses: [], detail }, events: [] };
    }
    return { step: { step: "enrichment", arn, outcome: "answered", requests: [request], responses: [answer] }, events: eventsOfAnswer(answer) };
  }
  if (isApiDestination(arn)) {
    const requests: string[] = [];
    const responses: string[] = [];
    const enriched: JsonValue[] = [];
    for (const event of events) {
      const request = textOf(event);
      requests.push(request);
      try {
        const answer = await effects.callApiDestination(arn, request, pipe.enrichmentHttpParameters);
        responses.push(answer);
        enriched.push(...eventsOfAnswer(answer));
      } catch (error) {
        return { step: { step: "enrichment", arn, outcome: "failed", requests, responses, detail: describe(error) }, events: [] };
      }
    }
    return { step: { step: "enrichment", arn, outcome: "answered", requests, responses }, events: enriched };
  }
  const request = JSON.stringify(events);
  return {
    step: { step: "enrichment", arn, outcome: "not-invoked", requests: [request], responses: [], detail: `${arn} is not reachable locally: it would have received the request shown.` },
    events: [],
  };
}

async function invokeTarget(pipe: PipeDefinition, payloads: string[], effects: PipeEffects): Promise<PipeStep & { step: "target" }> {
  const arn = pipe.target;
  try {
    if (serviceOf(arn) === "lambda") {
      const answers: string[] = [];
      for (const payload of payloads) {
        const answer = await effects.invokeLambda(arn, payload);
        if (answer === undefined) {
          return {
            step: "target",
            arn,
            outcome: "not-invoked",
            payloads,
            detail: "No Lambda endpoint is configured (SWITCHYARD_LAMBDA_ENDPOINT, e.g. `sam local start-lambda`): the function would have received the payload shown.",
          };
        }
        answers.push(answer);
      }
      return { step: "target", arn, outcome: "delivered", payloads, detail: `The function answered ${answers.join(", ")}` };
    }
    const result = await effects.deliver(arn, payloads, pipe);
    if (result === undefined) return { step: "target", arn, outcome: "not-invoked", payloads, detail: `${arn} is not emulated locally: it would have received the payloads shown.` };
    return { step: "target", arn, outcome: "delivered", payloads, detail: result };
  } catch (error) {
    return { step: "target", arn, outcome: "failed", payloads, detail: describe(error) };
  }
}
