/** The SDK clients a capture uses, and the bus names its calls take. */
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { parseArn } from "@/lib/arn";

/** The SDK clients a capture uses, and the endpoint override (named in network errors). */
export interface CaptureClients {
  readonly events: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly endpoint?: string;
}

/** The bus name in a bus ARN (EventBridge's bus parameters take the name); anything else as given. */
export function busNameOf(busArn: string): string {
  const resource = parseArn(busArn)?.resource;
  return resource?.startsWith("event-bus/") ? resource.slice("event-bus/".length) : busArn;
}
