/**
 * The lab's preview of a pipe: its source's sample records run through the pipe's own engine
 * (lib/emulator/pipes/engine.ts: the filter as the source delivers records to it, the enrichment
 * input template, the target input template), one record at a time, with nothing called — the
 * enrichment answers with the sample answer typed in the lab (the enrichment's answer is what the
 * target template reads), and the target only records what it would receive.
 */
import { pipeArn } from "@/lib/arn";
import type { Design, NodeOfKind } from "@/lib/graph";
import { runPipeBatch, type PipeDefinition, type PipeEffects, type PipeStep } from "@/lib/emulator/pipes/engine";
import { sourceKindOf } from "@/lib/emulator/pipes/source";
import { pipeInputFor, pipePartsOf } from "@/lib/resources/pipe-resources";
import type { JsonValue } from "@/lib/transform";

/** Where the preview pretends the pipe runs (only ARNs in templates' `<aws.pipes.*>` variables show it). */
const PREVIEW_SCOPE = { account: "123456789012", region: "us-east-1" };
const PREVIEW_TIME = new Date("2026-01-01T00:00:00Z");

export interface PipeRecordPreview {
  readonly name: string;
  readonly passes: boolean;
  /** What the enrichment is sent for this record (after its input template). */
  readonly enrichmentRequest?: string;
  /** What the target receives (one entry per invocation). */
  readonly targetReceives: readonly string[];
  /** Why the record stops before the target: no sample answer, a template error… */
  readonly stoppedBecause?: string;
}

export type PipePreview = { readonly ok: true; readonly records: readonly PipeRecordPreview[] } | { readonly ok: false; readonly message: string };

/** The stored pipe's definition as the engine runs it, made from the design as Run locally makes it. */
export function previewDefinition(pipe: NodeOfKind<"pipe">, design: Design): PipeDefinition | string {
  const parts = pipePartsOf(pipe, design);
  if ("missing" in parts) return `Pipe ${pipe.name} has ${parts.missing}.`;
  const input = pipeInputFor(parts, design, PREVIEW_SCOPE);
  if (input === undefined) return `Pipe ${pipe.name}'s target is not a resource a pipe delivers to.`;
  const sourceKind = sourceKindOf(input.Source);
  if (sourceKind === undefined) return `Pipe ${pipe.name}'s source is not one Pipes reads.`;
  const filters = (input.SourceParameters.FilterCriteria as { Filters: { Pattern: string }[] } | undefined)?.Filters ?? [];
  return {
    arn: pipeArn(PREVIEW_SCOPE, pipe.name),
    name: pipe.name,
    source: input.Source,
    sourceKind,
    filters: filters.map((f) => f.Pattern),
    enrichment: input.Enrichment,
    enrichmentTemplate: input.EnrichmentParameters?.InputTemplate,
    target: input.Target,
    targetTemplate: input.TargetParameters?.InputTemplate as string | undefined,
    targetParameters: input.TargetParameters ?? {},
  };
}

/** Each record through the pipe; `enrichmentAnswer` stands for what the enrichment would answer. */
export async function previewPipe(
  pipe: NodeOfKind<"pipe">,
  design: Design,
  records: readonly { readonly name: string; readonly text: string }[],
  enrichmentAnswer: string | undefined,
): Promise<PipePreview> {
  const definition = previewDefinition(pipe, design);
  if (typeof definition === "string") return { ok: false, message: definition };
  const answer = async () => {
    if (enrichmentAnswer === undefined || enrichmentAnswer.trim() === "") throw new Error("Type a sample answer of the enrichment to see what the target receives.");
    return enrichmentAnswer;
  };
  const effects: PipeEffects = {
    // A Lambda function is the enrichment or the target: the target's answer is not shown.
    invokeLambda: (arn) => (arn === definition.enrichment ? answer() : Promise.resolve("previewed")),
    callApiDestination: answer,
    deliver: async () => "previewed",
  };
  const previews: PipeRecordPreview[] = [];
  for (const { name, text } of records) {
    let record: JsonValue;
    try {
      record = JSON.parse(text) as JsonValue;
    } catch {
      previews.push({ name, passes: false, targetReceives: [], stoppedBecause: "The record is not valid JSON." });
      continue;
    }
    let steps: readonly PipeStep[];
    try {
      steps = (await runPipeBatch(definition, [record], effects, PREVIEW_TIME)).steps;
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    previews.push(recordPreview(name, steps));
  }
  return { ok: true, records: previews };
}

function recordPreview(name: string, steps: readonly PipeStep[]): PipeRecordPreview {
  const filter = steps.find((s) => s.step === "filter");
  const passes = filter === undefined || filter.passed > 0;
  const enrichment = steps.find((s) => s.step === "enrichment");
  const target = steps.find((s) => s.step === "target");
  const stoppedBecause = target?.outcome === "failed" ? target.detail : enrichment !== undefined && enrichment.outcome !== "answered" ? enrichment.detail : undefined;
  return {
    name,
    passes,
    ...(enrichment?.requests[0] === undefined ? {} : { enrichmentRequest: enrichment.requests[0] }),
    targetReceives: target?.outcome === "delivered" || target?.outcome === "not-invoked" ? target.payloads : [],
    ...(passes && stoppedBecause !== undefined ? { stoppedBecause } : {}),
  };
}
