/**
 * AWS's rules for EventBridge Pipes' nodes, as problems: the pipe itself, and the stream sources
 * a pipe reads (their batching, starting position and filter criteria are the pipe's
 * SourceParameters).
 *
 * Ranges and patterns: the Pipes API reference, CreatePipe
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_CreatePipe.html),
 * PipeSourceParameters and the Pipe…Parameters structures it names
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_PipeSourceParameters.html).
 */
import type { DesignIndex } from "./graph-index";
import { checkPipeFilter } from "./pattern-check";
import { checkName } from "./name-check";
import { problem, type Problem, type Report } from "./problems";
import type { NodeOfKind, PipeEnrichment } from "./schema";

type StreamSourceNode = NodeOfKind<"sqs-queue-source" | "kinesis-stream-source" | "dynamodb-stream" | "kafka-topic">;

export const PIPES_LIMITS = {
  name: { max: 64, pattern: /^[.\-_A-Za-z0-9]+$/ },
  description: 512,
  /** EnrichmentParameters.InputTemplate and TargetParameters.InputTemplate. */
  inputTemplate: 8192,
  /** SQS: a batch above 10 messages needs a batching window of at least one second. */
  sqsBatchWithoutWindow: 10,
  stateMachineName: { max: 80, pattern: /^[0-9A-Za-z_-]+$/ },
  functionName: { max: 64, pattern: /^[0-9A-Za-z_-]+$/ },
} as const;

/** StartingPosition values each source kind accepts (Kinesis alone reads from a timestamp). */
const STARTING_POSITIONS: Readonly<Record<Exclude<StreamSourceNode["kind"], "sqs-queue-source">, readonly string[]>> = {
  "kinesis-stream-source": ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"],
  "dynamodb-stream": ["TRIM_HORIZON", "LATEST"],
  "kafka-topic": ["TRIM_HORIZON", "LATEST"],
};


/** Every problem of the design's pipes and of the sources pipes read. */
export function pipesProblems(index: DesignIndex): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (init) => problems.push(problem(init));
  for (const node of index.nodes.values()) {
    if (node.kind === "pipe") checkPipe(node, index, report);
    if (isStreamSource(node) && node.reader === "pipe") checkPipeSource(node, report);
  }
  return problems;
}

function isStreamSource(node: { kind: string }): node is StreamSourceNode {
  return node.kind === "sqs-queue-source" || node.kind === "kinesis-stream-source" || node.kind === "dynamodb-stream" || node.kind === "kafka-topic";
}

function checkPipe(node: NodeOfKind<"pipe">, index: DesignIndex, report: Report): void {
  checkName(node.id, "name", node.name, "pipe name", PIPES_LIMITS.name, report);
  if (node.description !== undefined && node.description.length > PIPES_LIMITS.description) {
    report({ code: "text-too-long", nodeId: node.id, field: "description", message: `A pipe's description is at most ${PIPES_LIMITS.description} characters (this one has ${node.description.length})` });
  }
  for (const field of ["enrichmentInputTemplate", "targetInputTemplate"] as const) {
    const template = node[field];
    if (template !== undefined && template.length > PIPES_LIMITS.inputTemplate) {
      report({ code: "text-too-long", nodeId: node.id, field, message: `An input template is at most ${PIPES_LIMITS.inputTemplate} characters (this one has ${template.length})` });
    }
  }
  if (node.enrichment) checkEnrichment(node, node.enrichment, report);
  const sources = index.incoming(node.id, "feeds-pipe");
  if (sources.length === 0) report({ code: "pipe-without-source", nodeId: node.id, message: `Pipe ${node.name} has no source: connect a queue or stream to it` });
  if (sources.length > 1) report({ code: "too-many-pipe-sources", nodeId: node.id, message: `Pipe ${node.name} has ${sources.length} sources; a pipe reads exactly one` });
  const targets = index.outgoing(node.id, "delivers").length + index.outgoing(node.id, "puts-events").length;
  if (targets === 0) report({ code: "pipe-without-target", nodeId: node.id, message: `Pipe ${node.name} has no target: connect one` });
  if (targets > 1) report({ code: "too-many-pipe-targets", nodeId: node.id, message: `Pipe ${node.name} has ${targets} targets; a pipe delivers to exactly one` });
}

function checkEnrichment(node: NodeOfKind<"pipe">, enrichment: PipeEnrichment, report: Report): void {
  const named = (field: string, value: string, what: string, limit: { max: number; pattern: RegExp }) => {
    if (value.length === 0 || value.length > limit.max || !limit.pattern.test(value)) {
      report({ code: "invalid-name", nodeId: node.id, field: `enrichment.${field}`, message: `The ${what} "${value}" must be 1 to ${limit.max} letters, digits, "-" or "_"` });
    }
  };
  switch (enrichment.type) {
    case "lambda":
      named("functionName", enrichment.functionName, "enrichment function name", PIPES_LIMITS.functionName);
      return;
    case "step-functions":
      named("stateMachineName", enrichment.stateMachineName, "enrichment state machine name", PIPES_LIMITS.stateMachineName);
      return;
    case "api-destination":
      // CreateApiDestination: InvocationEndpoint must be HTTPS.
      if (!/^https:\/\/[^\s/]+/.test(enrichment.endpoint)) {
        report({ code: "invalid-endpoint", nodeId: node.id, field: "enrichment.endpoint", message: `An API destination endpoint must be an https:// URL, not "${enrichment.endpoint}"` });
      }
      return;
    case "api-gateway":
      if (!enrichment.path.startsWith("/")) {
        report({ code: "invalid-endpoint", nodeId: node.id, field: "enrichment.path", message: `The API Gateway resource path must start with "/", not "${enrichment.path}"` });
      }
  }
}

/** The source's SourceParameters as CreatePipe checks them (batch size 1–10,000 is checked for every stream source). */
function checkPipeSource(node: StreamSourceNode, report: Report): void {
  const window = node.batchingWindowSeconds ?? 0;
  if (node.kind === "sqs-queue-source" && node.batchSize > PIPES_LIMITS.sqsBatchWithoutWindow && window < 1) {
    report({
      code: "out-of-range",
      nodeId: node.id,
      field: "batchingWindowSeconds",
      message: `A batch of more than ${PIPES_LIMITS.sqsBatchWithoutWindow} SQS messages (batch size ${node.batchSize}) needs a batching window of at least 1 second`,
    });
  }
  if (node.kind !== "sqs-queue-source") {
    const accepted = STARTING_POSITIONS[node.kind];
    if (!accepted.includes(node.startingPosition)) {
      report({ code: "out-of-range", nodeId: node.id, field: "startingPosition", message: `A pipe reads this source from ${accepted.join(" or ")}, not ${node.startingPosition}` });
    }
  }
  node.filterCriteria.forEach((filter, i) => {
    const refused = checkPipeFilter(filter)[0];
    if (refused) report({ code: "invalid-filter-pattern", nodeId: node.id, field: `filterCriteria.${i}`, offset: refused.offset, message: `Filter ${i + 1}: ${refused.message}` });
  });
}
