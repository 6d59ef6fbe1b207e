/**
 * Pipes' InputTemplate (enrichment and target parameters): `<$.json.path>` placeholders read the
 * event, reserved `<aws.pipes.…>` variables name the pipe, and the template is filled with the
 * same rules as a rule target's InputTransformer (lib/transform: a value standing as a JSON value
 * goes in as JSON, one inside quotes as its text)
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-input-transformation.html).
 * Paths see the source's payload parsed ("implicit body data parsing": SQS `body`, Kinesis
 * `data`, Kafka `value`).
 */
import { fillTemplate, parseJsonPath, selectJsonPath, type JsonValue } from "../../transform";
import { withDecodedPayload, type StreamKind } from "../../streams/filter-view";

export interface PipeTemplateContext {
  readonly pipeArn: string;
  readonly pipeName: string;
  readonly sourceArn: string;
  readonly enrichmentArn?: string;
  readonly targetArn: string;
  /** ISO 8601 time the pipe read the event. */
  readonly ingestionTime: string;
}

/**
 * The reserved variables, by name: `aws.pipes.event` is the event as received, `…event.json` the
 * same with its encoded payload (SQS `body`, Kinesis `data`…) decoded into JSON.
 */
function reserved(context: PipeTemplateContext, event: JsonValue, parsed: JsonValue): ReadonlyMap<string, JsonValue | undefined> {
  return new Map<string, JsonValue | undefined>([
    ["aws.pipes.pipe-arn", context.pipeArn],
    ["aws.pipes.pipe-name", context.pipeName],
    ["aws.pipes.source-arn", context.sourceArn],
    ["aws.pipes.enrichment-arn", context.enrichmentArn],
    ["aws.pipes.target-arn", context.targetArn],
    ["aws.pipes.event.ingestion-time", context.ingestionTime],
    ["aws.pipes.event", event],
    ["aws.pipes.event.json", parsed],
  ]);
}

/** `template` filled from one event (a source record or an enrichment's answer). */
export function renderPipeTemplate(template: string, event: JsonValue, view: StreamKind | undefined, context: PipeTemplateContext): string {
  const parsed = view !== undefined && isObject(event) ? (withDecodedPayload(event, view) as JsonValue) : event;
  const variables = reserved(context, event, parsed);
  return fillTemplate(template, (name) => {
    if (variables.has(name)) return variables.get(name);
    const path = parseJsonPath(name);
    return path === undefined ? undefined : selectJsonPath(parsed, path);
  });
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
