/**
 * What a rule target's ARN points at: the design's target kind and the resource's name, account
 * and region. Kinds the design has no node for (ECS tasks, Batch jobs, CodeBuild…) are `undefined`.
 */
import { parseArn } from "@/lib/arn";
import type { TargetNode } from "@/lib/graph";

export interface RecognisedTarget {
  readonly kind: TargetNode["kind"];
  /** Function, queue, topic, state machine, stream, log group, API destination or bus name. */
  readonly name: string;
  readonly account: string;
  readonly region: string;
}

export function recogniseTargetArn(arn: string): RecognisedTarget | undefined {
  const parsed = parseArn(arn);
  if (parsed === undefined) return undefined;
  const { service, region, account, resource } = parsed;
  const found = (kind: RecognisedTarget["kind"], name: string | undefined) =>
    name === undefined || name === "" ? undefined : { kind, name, account, region };
  switch (service) {
    case "lambda":
      // function:name or function:name:alias — the alias is part of what is invoked.
      return resource.startsWith("function:") ? found("lambda", resource.slice("function:".length)) : undefined;
    case "sqs":
      return found("sqs", resource);
    case "sns":
      return found("sns", resource);
    case "states":
      return resource.startsWith("stateMachine:") ? found("step-functions", resource.slice("stateMachine:".length)) : undefined;
    case "firehose":
      return resource.startsWith("deliverystream/") ? found("firehose", resource.slice("deliverystream/".length)) : undefined;
    case "kinesis":
      return resource.startsWith("stream/") ? found("kinesis", resource.slice("stream/".length)) : undefined;
    case "logs":
      // log-group:name, sometimes with a trailing `:*`.
      return resource.startsWith("log-group:") ? found("cloudwatch-logs", resource.slice("log-group:".length).replace(/:\*$/, "")) : undefined;
    case "events":
      if (resource.startsWith("event-bus/")) return found("event-bus-target", resource.slice("event-bus/".length));
      // api-destination/name/id
      if (resource.startsWith("api-destination/")) return found("api-destination", resource.slice("api-destination/".length).split("/")[0]);
      return undefined;
    default:
      return undefined;
  }
}
