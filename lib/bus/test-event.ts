/**
 * "Send test event": puts a producer node's event on each bus it feeds in a design deployed with
 * "Run locally", and answers with the path it took (rules matched, each target's delivery), which
 * the designer can light up. The design model holds a producer's source and detail-types but no
 * sample detail, so the detail is `{}` (with the API action for CloudTrail producers). AWS-owned
 * sources are allowed here: the local bus stands in for the AWS service.
 */
import type { Design, DesignNode } from "../graph";
import { ValidationError } from "../errors";
import { busArn } from "./arn";
import { buildEnvelope } from "./event-envelope";
import { ingestEvents } from "./ingest";
import type { BusRuntime } from "./runtime";

export interface TestEventPath {
  readonly busArn: string;
  readonly eventId: string;
  readonly matchedRules: string[];
  readonly deliveries: { ruleArn: string; targetId: string; targetArn: string; status: string }[];
}

function producerEvent(node: DesignNode): { source: string; detailType: string; detail: string } {
  switch (node.kind) {
    case "custom-app":
      return { source: node.source, detailType: node.detailTypes[0] ?? "Test Event", detail: "{}" };
    case "schedule":
      return { source: node.source, detailType: node.detailType, detail: "{}" };
    case "aws-service":
      return node.emits.type === "events"
        ? { source: node.source, detailType: node.emits.detailTypes[0] ?? "Test Event", detail: "{}" }
        : {
            source: node.source,
            detailType: "AWS API Call via CloudTrail",
            detail: JSON.stringify({ eventSource: `${node.source.replace(/^aws\./, "")}.amazonaws.com`, eventName: node.emits.eventNames[0] ?? "" }),
          };
    case "saas-partner":
      return { source: node.eventSourceName, detailType: "Test Event", detail: "{}" };
    default:
      throw new ValidationError(`Node ${node.id} (${node.kind}) does not put events on a bus; pick a producer.`);
  }
}

export async function sendTestEvent(runtime: BusRuntime, design: Design, producerId: string): Promise<TestEventPath[]> {
  const producer = design.nodes.find((n) => n.id === producerId);
  if (producer === undefined) throw new ValidationError(`The design has no node ${producerId}.`);
  const event = producerEvent(producer);
  const buses = design.edges
    .filter((e) => e.kind === "puts-events" && e.source === producerId)
    .map((e) => design.nodes.find((n) => n.id === e.target))
    .filter((n): n is Extract<DesignNode, { kind: "event-bus" }> => n?.kind === "event-bus");
  if (buses.length === 0) throw new ValidationError(`Producer ${producerId} puts events on no bus.`);

  const paths: TestEventPath[] = [];
  for (const bus of buses) {
    const scope = { account: bus.account ?? runtime.config.defaultAccount, region: runtime.config.region };
    const arn = busArn(scope, bus.name);
    if (!(await runtime.busExists(arn))) {
      throw new ValidationError(`Bus ${bus.name} is not on the local EventBridge yet; run the design locally first.`);
    }
    const eventId = crypto.randomUUID();
    const now = new Date();
    const text = buildEnvelope({ id: eventId, ...event, account: scope.account, time: now, region: scope.region, resources: [] });
    const { rowIds } = await ingestEvents(runtime, [
      { eventId, busArn: arn, source: event.source, detailType: event.detailType, time: now, ingestedAt: now, text },
    ]);
    runtime.dispatcher.wake();
    const stored = await runtime.db.busEvent.findUniqueOrThrow({ where: { id: rowIds[0] } });
    const deliveries = await runtime.db.delivery.findMany({ where: { eventRowId: rowIds[0] }, orderBy: { createdAt: "asc" } });
    paths.push({
      busArn: arn,
      eventId,
      matchedRules: JSON.parse(stored.matchedRules) as string[],
      deliveries: deliveries.map((d) => ({ ruleArn: d.ruleArn, targetId: d.targetId, targetArn: d.targetArn, status: d.status })),
    });
  }
  return paths;
}
