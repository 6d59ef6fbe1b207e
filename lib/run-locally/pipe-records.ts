/**
 * "Send test records" to a source a pipe reads, in a design deployed with "Run locally": the
 * source's sample records go where the pipe reads them — an SQS message's `body` into the local
 * queue (the pipe polls it, as it would in AWS), a stream record to the Pipes service's test
 * records for that stream. The pipe then runs on its own; its steps show on the Events page.
 */
import { ValidationError } from "../errors";
import type { Design } from "../graph";
import type { JsonValue } from "../transform";
import type { BusRuntime } from "../emulator/runtime";
import { pipeArn } from "../arn";
import { pipeSourceArn, type PipeSourceNode } from "../resources/pipe-resources";

export interface SentPipeRecords {
  readonly sourceArn: string;
  readonly sent: number;
  /** The pipes of the design that read the source, by ARN. */
  readonly pipeArns: string[];
}

/** The SQS message body a sample record carries (the text of its `body`). */
function bodyOf(record: Record<string, unknown>, name: string): string {
  const body = record.body;
  if (typeof body === "string") return body;
  if (body !== undefined) return JSON.stringify(body);
  throw new ValidationError(`Sample "${name}" has no body: an SQS record carries its message as "body".`);
}

export function sendPipeRecords(runtime: BusRuntime, design: Design, sourceId: string): SentPipeRecords {
  const source = design.nodes.find((n) => n.id === sourceId);
  if (source === undefined) throw new ValidationError(`The design has no node ${sourceId}.`);
  if (!("reader" in source) || source.reader !== "pipe") throw new ValidationError(`Node ${sourceId} is not a source read by a pipe.`);
  const scope = { account: runtime.config.defaultAccount, region: runtime.config.region };
  const pipeIds = new Set(design.edges.filter((e) => e.kind === "feeds-pipe" && e.source === sourceId).map((e) => e.target));
  const pipeArns = design.nodes.flatMap((n) => (n.kind === "pipe" && pipeIds.has(n.id) ? [pipeArn(scope, n.name)] : []));
  const samples = (design.samples ?? []).filter((s) => s.producer === sourceId);
  if (samples.length === 0) throw new ValidationError(`Node ${sourceId} has no sample records to send: add some in the lab.`);
  const records = samples.map((sample) => {
    let record: unknown;
    try {
      record = JSON.parse(sample.event);
    } catch {
      throw new ValidationError(`Sample "${sample.name}" is not valid JSON.`);
    }
    if (typeof record !== "object" || record === null || Array.isArray(record)) throw new ValidationError(`Sample "${sample.name}" is not a JSON object.`);
    return { name: sample.name, record: record as Record<string, JsonValue> };
  });
  const node = source as PipeSourceNode;
  const sourceArn = pipeSourceArn(node, scope);
  if (node.kind === "sqs-queue-source") {
    const queue = runtime.queues.get(scope.account, node.queueName);
    if (queue === undefined) throw new ValidationError(`Queue ${node.queueName} does not exist locally: click "Run locally" first.`);
    for (const { name, record } of records) queue.send(bodyOf(record, name), { senderId: "AIDASWITCHYARDTEST" });
    return { sourceArn, sent: records.length, pipeArns };
  }
  return { sourceArn, sent: runtime.pipes.putTestRecords(sourceArn, records.map((r) => r.record)), pipeArns };
}
