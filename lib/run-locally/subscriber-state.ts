/**
 * Pausing and resuming a design's subscriber on the local endpoint (after "Run locally"): a
 * stopped subscriber's events wait as its backlog and are delivered, oldest first, when it runs
 * again (lib/emulator/eventsv2).
 */
import type { Design } from "../graph";
import { ValidationError } from "../errors";
import { setSubscriberState, type SubscriberState } from "../emulator/eventsv2";
import type { BusRuntime } from "../emulator/runtime";

export interface SubscriberStateChange {
  readonly state: SubscriberState;
  /** Deliveries that waited in the backlog and went out on resume. */
  readonly released: number;
}

export async function setDesignSubscriberState(runtime: BusRuntime, design: Design, nodeId: string, state: SubscriberState): Promise<SubscriberStateChange> {
  const subscriber = design.nodes.find((n) => n.id === nodeId);
  if (subscriber?.kind !== "subscriber") throw new ValidationError(`The design has no subscriber ${nodeId}.`);
  const edge = design.edges.find((e) => e.kind === "subscribes" && e.target === nodeId);
  const bus = design.nodes.find((n) => n.id === edge?.source);
  if (bus?.kind !== "eventsv2-bus") throw new ValidationError(`Subscriber ${subscriber.name} subscribes to no Custom Event Bus.`);
  const account = bus.account ?? runtime.config.defaultAccount;
  const busRow = await runtime.db.eventBusV2.findUnique({ where: { account_name: { account, name: bus.name } } });
  const row = busRow && (await runtime.db.busSubscriber.findUnique({ where: { busArn_name: { busArn: busRow.arn, name: subscriber.name } } }));
  if (!row) throw new ValidationError(`Subscriber ${subscriber.name} is not on the local endpoint yet; run the design locally first.`);
  return { state, released: await setSubscriberState(runtime, row.arn, state) };
}
