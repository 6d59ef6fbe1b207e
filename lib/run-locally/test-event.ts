/**
 * "Send test event": puts a producer node's event on each bus it feeds in a design deployed with
 * "Run locally", and answers with the path it took (rules matched, each target's delivery), which
 * the designer can light up. The event is one of the design's samples sent by that producer (the
 * chosen one, else its first): source, detail-type, resources and detail (its text as written) come from the sample;
 * id and time are fresh and account and region are the local bus's, as PutEvents would set them.
 * A producer without samples sends its source and first detail-type with detail `{}` (with the
 * API action for CloudTrail producers). AWS-owned sources are allowed here: the local bus stands
 * in for the AWS service. A Lambda function that puts events sends only its samples.
 */
import type { Design, DesignNode, NodeOfKind, SampleEvent } from "../graph";
import { ValidationError } from "../errors";
import { parseJson } from "../pattern";
import { busArn, DEFAULT_BUS, ruleArn } from "../arn";
import { buildEnvelope } from "../emulator/events/event-envelope";
import { ingestEvents } from "../emulator/events/ingest";
import type { BusRuntime } from "../emulator/runtime";
import { publishEvents } from "../emulator/eventsv2";

export interface TestEventPath {
  readonly busArn: string;
  readonly eventId: string;
  readonly matchedRules: string[];
  readonly deliveries: { ruleArn: string; targetId: string; targetArn: string; status: string }[];
}

interface ProducedEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: string;
  readonly resources: readonly string[];
}

/** The event a sample describes; a sample that is not an EventBridge event is a ValidationError naming it. */
export function sampleEvent(sample: SampleEvent): ProducedEvent {
  const refuse = (why: string) => new ValidationError(`Sample "${sample.name}" ${why}.`);
  let event: unknown;
  try {
    event = JSON.parse(sample.event);
  } catch {
    throw refuse("is not valid JSON");
  }
  if (typeof event !== "object" || event === null || Array.isArray(event)) throw refuse("is not a JSON object");
  const fields = event as Record<string, unknown>;
  if (typeof fields.source !== "string" || fields.source === "") throw refuse("has no source");
  if (typeof fields["detail-type"] !== "string") throw refuse("has no detail-type");
  const detail = fields.detail ?? {};
  if (typeof detail !== "object" || detail === null || Array.isArray(detail)) throw refuse("has a detail that is not a JSON object");
  const resources = fields.resources ?? [];
  if (!Array.isArray(resources) || resources.some((r) => typeof r !== "string")) throw refuse("has resources that are not a list of ARNs");
  return { source: fields.source, detailType: fields["detail-type"], detail: detailText(sample.event) ?? "{}", resources: resources as string[] };
}

/** The sample's `detail` exactly as written (number lexemes such as `100.0` survive), if it has one. */
function detailText(eventText: string): string | undefined {
  const root = parseJson(eventText);
  if (root.kind !== "object") return undefined;
  const entry = root.entries.find((e) => e.key === "detail");
  return entry && eventText.slice(entry.value.start, entry.value.end);
}

/** The samples `producerId` sends, in design order. */
export function samplesOf(design: Design, producerId: string): SampleEvent[] {
  return (design.samples ?? []).filter((sample) => sample.producer === producerId);
}

const STREAM_KINDS = new Set<DesignNode["kind"]>(["kafka-topic", "dynamodb-stream", "kinesis-stream-source", "sqs-queue-source"]);

function chosenEvent(design: Design, producer: DesignNode, sampleId: string | undefined): ProducedEvent {
  if (STREAM_KINDS.has(producer.kind)) throw new ValidationError(`Node ${producer.id} is a stream source: its records go to a function, not a bus ("Send test records").`);
  const samples = samplesOf(design, producer.id);
  if (sampleId !== undefined) {
    const sample = samples.find((s) => s.id === sampleId);
    if (!sample) throw new ValidationError(`Node ${producer.id} sends no sample ${sampleId}.`);
    return sampleEvent(sample);
  }
  if (samples[0]) return sampleEvent(samples[0]);
  return { ...producerEvent(producer), resources: [] };
}

function producerEvent(node: DesignNode): { source: string; detailType: string; detail: string } {
  switch (node.kind) {
    case "lambda":
      throw new ValidationError(`Function ${node.functionName} has no sample event to send; add one to the design's samples.`);
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

export async function sendTestEvent(runtime: BusRuntime, design: Design, producerId: string, sampleId?: string): Promise<TestEventPath[]> {
  const producer = design.nodes.find((n) => n.id === producerId);
  if (producer === undefined) throw new ValidationError(`The design has no node ${producerId}.`);
  const event = chosenEvent(design, producer, sampleId);
  const fed = design.edges.filter((e) => e.kind === "puts-events" && e.source === producerId).map((e) => design.nodes.find((n) => n.id === e.target));
  const buses = fed.filter((n): n is Extract<DesignNode, { kind: "event-bus" }> => n?.kind === "event-bus");
  const newBuses = fed.filter((n): n is Extract<DesignNode, { kind: "eventsv2-bus" }> => n?.kind === "eventsv2-bus");
  if (buses.length === 0 && newBuses.length === 0) throw new ValidationError(`Producer ${producerId} puts events on no bus.`);

  const paths: TestEventPath[] = [];
  for (const bus of newBuses) {
    const account = bus.account ?? runtime.config.defaultAccount;
    const found = await runtime.db.eventBusV2.findUnique({ where: { account_name: { account, name: bus.name } } });
    if (found === null) throw new ValidationError(`Custom Event Bus ${bus.name} is not on the local endpoint yet; run the design locally first.`);
    const { Entries, rowIds } = await publishEvents(runtime, { eventBusArn: found.arn, entries: [event] });
    const entry = Entries[0];
    if (entry === undefined || !("EventId" in entry)) throw new ValidationError(`Custom Event Bus ${bus.name} refused the event: ${entry?.ErrorMessage ?? "no answer"}`);
    paths.push(await pathOf(runtime, found.arn, entry.EventId, rowIds[0]));
  }
  for (const bus of buses) {
    const scope = { account: bus.account ?? runtime.config.defaultAccount, region: runtime.config.region };
    const arn = busArn(scope, bus.name);
    if (!(await runtime.busExists(arn))) {
      throw new ValidationError(`Bus ${bus.name} is not on the local EventBridge yet; run the design locally first.`);
    }
    const eventId = crypto.randomUUID();
    const now = new Date();
    const text = buildEnvelope({ id: eventId, ...event, account: scope.account, time: now, region: scope.region });
    const { rowIds } = await ingestEvents(runtime, [
      { eventId, busArn: arn, source: event.source, detailType: event.detailType, time: now, ingestedAt: now, text },
    ]);
    runtime.dispatcher.wake();
    paths.push(await pathOf(runtime, arn, eventId, rowIds[0]));
  }
  return paths;
}

/** The rules (or subscribers) the stored event matched and its deliveries; a duplicate stored nothing. */
async function pathOf(runtime: BusRuntime, busArn: string, eventId: string, rowId: string | undefined): Promise<TestEventPath> {
  if (rowId === undefined) return { busArn, eventId, matchedRules: [], deliveries: [] };
  const stored = await runtime.db.busEvent.findUniqueOrThrow({ where: { id: rowId } });
  const deliveries = await runtime.db.delivery.findMany({ where: { eventRowId: rowId }, orderBy: { id: "asc" } });
  return {
    busArn,
    eventId,
    matchedRules: JSON.parse(stored.matchedRules) as string[],
    deliveries: deliveries.map((d) => ({ ruleArn: d.ruleArn, targetId: d.targetId, targetArn: d.targetArn, status: d.status })),
  };
}

/**
 * "Fire now" for a schedule rule of a design deployed with "Run locally": its Scheduled Event
 * reaches the rule's targets at once, and the path it took comes back as for a test event.
 */
export async function fireScheduleRule(runtime: BusRuntime, design: Design, ruleId: string): Promise<TestEventPath> {
  const rule = design.nodes.find((n) => n.id === ruleId);
  if (rule?.kind !== "rule" || rule.trigger.type !== "schedule") throw new ValidationError(`Node ${ruleId} is not a schedule rule.`);
  const bus = design.edges
    .filter((e) => e.kind === "feeds" && e.target === ruleId)
    .map((e) => design.nodes.find((n) => n.id === e.source))
    .find((n): n is NodeOfKind<"event-bus"> => n?.kind === "event-bus");
  const scope = { account: bus?.account ?? runtime.config.defaultAccount, region: runtime.config.region };
  const fired = await runtime.schedules.fireNow(ruleArn(scope, DEFAULT_BUS, rule.name));
  if (fired === undefined) throw new ValidationError(`Rule ${rule.name} is not on the local EventBridge yet; run the design locally first.`);
  return pathOf(runtime, fired.busArn, fired.eventId, fired.rowId);
}
