/**
 * Target ARNs both ways: how each resource target kind's ARN is built from the node's name (the
 * design → resources mapping and the IaC export read `RESOURCE_TARGET_ARNS`), and what a rule
 * target's ARN points at (the AWS import and the plan read `recogniseTargetArn`). Kinds the design
 * has no node for (ECS tasks, Batch jobs, CodeBuild…) are `undefined`.
 */
import { parseArn } from "@/lib/arn";
import type { NodeOfKind, TargetNode } from "@/lib/graph";

/** Targets that are resources living elsewhere (a function, queue, topic…), named in the design. */
export type ResourceTargetKind = "lambda" | "sns" | "sqs" | "step-functions" | "firehose" | "kinesis" | "cloudwatch-logs";
export type ResourceTargetNode = NodeOfKind<ResourceTargetKind>;

/** The fields of a node of kind K that hold text. */
type TextField<K extends ResourceTargetKind> = { [F in keyof NodeOfKind<K>]-?: NodeOfKind<K>[F] extends string ? F : never }[keyof NodeOfKind<K>];

export interface ResourceTargetArn<K extends ResourceTargetKind> {
  /** The ARN's service. */
  readonly service: string;
  /** What precedes the name in the ARN's resource part (`function:`, `stream/`). */
  readonly prefix: string;
  /** The node's field that names the resource (`functionName`, `queueName`…). */
  readonly nameField: TextField<K>;
}

/** How each resource target's ARN reads: `arn:<partition>:<service>:<region>:<account>:<prefix><name>`. */
export const RESOURCE_TARGET_ARNS: { readonly [K in ResourceTargetKind]: ResourceTargetArn<K> } = {
  lambda: { service: "lambda", prefix: "function:", nameField: "functionName" },
  sns: { service: "sns", prefix: "", nameField: "topicName" },
  sqs: { service: "sqs", prefix: "", nameField: "queueName" },
  "step-functions": { service: "states", prefix: "stateMachine:", nameField: "stateMachineName" },
  firehose: { service: "firehose", prefix: "deliverystream/", nameField: "deliveryStreamName" },
  kinesis: { service: "kinesis", prefix: "stream/", nameField: "streamName" },
  "cloudwatch-logs": { service: "logs", prefix: "log-group:", nameField: "logGroupName" },
};

const RESOURCE_TARGET_KINDS = Object.keys(RESOURCE_TARGET_ARNS) as ResourceTargetKind[];

export function isResourceTargetKind(kind: string): kind is ResourceTargetKind {
  return Object.hasOwn(RESOURCE_TARGET_ARNS, kind);
}

/** The name of the resource a resource target calls (its function, queue, topic…). */
export function resourceNameOf(node: ResourceTargetNode): string {
  const field: string = RESOURCE_TARGET_ARNS[node.kind].nameField;
  return (node as unknown as Readonly<Record<string, string>>)[field]!;
}

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
  if (service === "events") {
    if (resource.startsWith("event-bus/")) return found("event-bus-target", resource.slice("event-bus/".length));
    // api-destination/name/id
    if (resource.startsWith("api-destination/")) return found("api-destination", resource.slice("api-destination/".length).split("/")[0]);
    return undefined;
  }
  const kind = RESOURCE_TARGET_KINDS.find((k) => RESOURCE_TARGET_ARNS[k].service === service && resource.startsWith(RESOURCE_TARGET_ARNS[k].prefix));
  if (kind === undefined) return undefined;
  const name = resource.slice(RESOURCE_TARGET_ARNS[kind].prefix.length);
  // A Lambda alias (`function:name:alias`) is part of what is invoked; a log group's ARN may end in `:*`.
  return found(kind, kind === "cloudwatch-logs" ? name.replace(/:\*$/, "") : name);
}
