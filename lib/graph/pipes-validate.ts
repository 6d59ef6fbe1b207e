/**
 * AWS's rules for EventBridge Pipes' nodes, as problems.
 *
 * Ranges and patterns: the Pipes API reference, CreatePipe
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_CreatePipe.html).
 */
import type { DesignIndex } from "./graph-index";
import { problem, type Problem } from "./problems";
import type { NodeOfKind } from "./schema";

export const PIPES_LIMITS = {
  name: { max: 64, pattern: /^[.\-_A-Za-z0-9]+$/ },
  description: 512,
  batchingWindowSeconds: { min: 0, max: 300 },
} as const;

type Report = (p: Omit<Problem, "severity">) => void;

/** Every problem of the design's pipes. */
export function pipesProblems(index: DesignIndex): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (init) => problems.push(problem(init));
  for (const node of index.nodes.values()) {
    if (node.kind === "pipe") checkPipe(node, index, report);
  }
  return problems;
}

function checkPipe(node: NodeOfKind<"pipe">, index: DesignIndex, report: Report): void {
  const { max, pattern } = PIPES_LIMITS.name;
  if (node.name.length === 0 || node.name.length > max || !pattern.test(node.name)) {
    report({ code: "invalid-name", nodeId: node.id, field: "name", message: `The pipe name "${node.name}" must be 1 to ${max} letters, digits, ".", "-" or "_"` });
  }
  const sources = index.incoming(node.id, "feeds-pipe");
  if (sources.length === 0) report({ code: "pipe-without-source", nodeId: node.id, message: `Pipe ${node.name} has no source: connect a queue or stream to it` });
  if (sources.length > 1) report({ code: "too-many-pipe-sources", nodeId: node.id, message: `Pipe ${node.name} has ${sources.length} sources; a pipe reads exactly one` });
  const targets = index.outgoing(node.id, "delivers").length + index.outgoing(node.id, "puts-events").length;
  if (targets === 0) report({ code: "pipe-without-target", nodeId: node.id, message: `Pipe ${node.name} has no target: connect one` });
  if (targets > 1) report({ code: "too-many-pipe-targets", nodeId: node.id, message: `Pipe ${node.name} has ${targets} targets; a pipe delivers to exactly one` });
}
