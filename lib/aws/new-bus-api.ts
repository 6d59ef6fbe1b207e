/**
 * The Custom Event Bus's API (`eventsv2`, SDK client EventBridgeV2) as far as import, plan and
 * apply need it: our own small interface, typed after AWS's API reference
 * (docs.aws.amazon.com/eventbridgev2/latest/APIReference: CreateEventBus, CreateSubscriber,
 * DescribeSubscriber, InvokeConfiguration, FilterConfiguration…). Field names are AWS's, so the
 * adapter over the SDK (new-bus-client.ts) passes them through. The SDK package itself is not
 * installable here yet; until it is, nothing calls AWS for the new bus.
 */
import type { FilterScope } from "@/lib/graph";
import type { Tags } from "../resources/account-state";

/** The npm package the adapter loads when it is installed. */
export const NEW_BUS_CLIENT_PACKAGE = "@aws-sdk/client-eventbridgev2";

export interface NewBusFilter {
  readonly Scope: FilterScope;
  readonly Pattern: string;
}

/** What a subscriber is, as CreateSubscriber takes it and DescribeSubscriber returns it. */
export interface SubscriberConfiguration {
  readonly Name: string;
  readonly Description?: string;
  readonly FilterConfiguration?: { readonly Filters: readonly NewBusFilter[] };
  readonly InvokeConfiguration: {
    readonly RoleArn: string;
    readonly TargetArn: string;
    readonly SqsParameters?: { readonly MessageGroupId?: string };
    readonly KinesisParameters?: { readonly PartitionKey?: string };
  };
  readonly Transformer?: { readonly Type: "RAW" | "WITH_METADATA" | "JSONATA"; readonly JsonataConfiguration?: { readonly Expression: string } };
  readonly Type?: "FIFO" | "UNORDERED";
  readonly StartingPosition?: "LATEST" | "POINT_IN_TIME";
  readonly PointInTimeConfiguration?: { readonly PointType: "HORIZON" | "TIMESTAMP"; readonly StartingPoint?: number };
  readonly State?: "RUNNING" | "STOPPED";
  readonly RetryPolicy?: { readonly MaxEventAgeInSeconds?: number; readonly MaxRetryAttempts?: number };
  readonly OnFailureConfiguration?: { readonly Arn?: string };
}

export type SubscriberUpdate = Omit<SubscriberConfiguration, "Name" | "StartingPosition" | "PointInTimeConfiguration" | "FilterConfiguration"> & {
  readonly SubscriberArn: string;
  readonly FilterConfiguration?: { readonly Filters?: readonly NewBusFilter[] };
};

export interface NewBusState {
  readonly Name: string;
  readonly EventBusArn: string;
  readonly Description?: string;
  readonly StorageConfiguration?: { readonly RetentionPeriodInDays?: number };
  readonly Tags: Tags;
}

export type SubscriberState = SubscriberConfiguration & { readonly SubscriberArn: string; readonly EventBusArn: string; readonly Tags: Tags };

export interface EventSourceState {
  readonly Name: string;
  readonly EventSourceArn: string;
  readonly EventBusArn: string;
  readonly Description?: string;
  readonly Configuration: {
    readonly AwsServiceEventsConfiguration?: { readonly AwsService: string; readonly Pattern?: string; readonly OnFailureConfiguration?: { readonly Arn?: string } };
    readonly PartnerEventsConfiguration?: { readonly PartnerEventSourceArn: string; readonly Pattern?: string; readonly OnFailureConfiguration?: { readonly Arn?: string } };
  };
}

/** The operations Switchyard needs; lists are whole (the adapter follows NextToken). */
export interface NewBusApi {
  listEventBuses(): Promise<readonly NewBusState[]>;
  listEventSources(eventBusArn: string): Promise<readonly EventSourceState[]>;
  /** Every subscriber of the bus, described. */
  listSubscribers(eventBusArn: string): Promise<readonly SubscriberState[]>;
  createEventBus(input: { readonly Name: string; readonly Description?: string; readonly StorageConfiguration: { readonly RetentionPeriodInDays: number }; readonly Tags: Tags }): Promise<{ readonly EventBusArn: string }>;
  updateEventBus(input: { readonly EventBusArn: string; readonly Description?: string; readonly StorageConfiguration: { readonly RetentionPeriodInDays: number } }): Promise<void>;
  deleteEventBus(eventBusArn: string): Promise<void>;
  createSubscriber(input: SubscriberConfiguration & { readonly EventBusArn: string; readonly Tags: Tags }): Promise<{ readonly SubscriberArn: string }>;
  /** Omitted members keep their value; an empty FilterConfiguration clears the filters (API_FilterConfiguration). */
  updateSubscriber(input: SubscriberUpdate): Promise<void>;
  deleteSubscriber(subscriberArn: string): Promise<void>;
}

/** The new bus's part of an AWS workflow: the API, or why there is none. */
export type NewBusAccess = { readonly available: true; readonly api: NewBusApi; readonly close: () => void } | { readonly available: false; readonly reason: string };

/** A Custom Event Bus account's state: its buses with their event sources and subscribers. */
export interface NewBusAccountState {
  readonly buses: readonly (NewBusState & { readonly sources: readonly EventSourceState[]; readonly subscribers: readonly SubscriberState[] })[];
}

export async function readNewBusAccount(api: NewBusApi): Promise<NewBusAccountState> {
  const buses = await api.listEventBuses();
  return {
    buses: await Promise.all(buses.map(async (bus) => ({ ...bus, sources: await api.listEventSources(bus.EventBusArn), subscribers: await api.listSubscribers(bus.EventBusArn) }))),
  };
}
