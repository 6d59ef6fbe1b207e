/**
 * "Run locally" for a design's pipes: each becomes a pipe on the local Pipes service, made through
 * its own operations (CreatePipe, after DeletePipe when it exists, as the source may have changed),
 * so AWS's validation applies. An SQS source is the local queue of that name (made when missing:
 * the pipe polls it, and sending to it runs the pipe); an SQS target's queue likewise. An API
 * destination enrichment or target is the local API destination made from the design, called
 * for real on its endpoint, subject to the outbound policy like any other.
 */
import type { Design } from "../graph";
import type { OperationContext } from "../emulator/events/operations/context";
import { invokePipesOperation } from "../emulator/pipes/protocol";
import { pipeInputFor, pipePartsOf, type PipeInput } from "../resources/pipe-resources";
import type { DesignProblem } from "../resources/design-resources";
import { apiDestinationArn } from "./local-api-destination";

/** Deploys every pipe of the design in the context's account; returns the pipes' ARNs. */
export async function deployPipes(design: Design, context: OperationContext, attempt: (nodeId: string, work: () => Promise<void>) => Promise<void>, problems: DesignProblem[]): Promise<string[]> {
  const arns: string[] = [];
  const { runtime, scope } = context;
  for (const pipe of design.nodes) {
    if (pipe.kind !== "pipe") continue;
    const parts = pipePartsOf(pipe, design);
    if ("missing" in parts) {
      problems.push({ nodeId: pipe.id, message: `Pipe ${pipe.name} is not deployed: it has ${parts.missing}.` });
      continue;
    }
    const planned = pipeInputFor(parts, design, scope);
    if (planned === undefined) {
      problems.push({ nodeId: pipe.id, message: `Pipe ${pipe.name} is not deployed: its target is not a resource a pipe delivers to.` });
      continue;
    }
    await attempt(pipe.id, async () => {
      let input: PipeInput = planned;
      if (parts.source.kind === "sqs-queue-source") runtime.queues.create(scope.account, parts.source.queueName, {});
      if (parts.target.kind === "sqs") runtime.queues.create(scope.account, parts.target.queueName, {});
      if (pipe.enrichment?.type === "api-destination") input = { ...input, Enrichment: await apiDestinationArn(pipe.enrichment, context) };
      if (parts.target.kind === "api-destination") input = { ...input, Target: await apiDestinationArn(parts.target, context) };
      const pipes = { scope, runtime };
      if ((await runtime.db.pipe.count({ where: { account: scope.account, name: pipe.name } })) > 0) await invokePipesOperation("DeletePipe", { Name: pipe.name }, pipes);
      const answer = await invokePipesOperation("CreatePipe", { ...input }, pipes);
      arns.push(String(answer.Arn));
    });
  }
  return arns;
}
