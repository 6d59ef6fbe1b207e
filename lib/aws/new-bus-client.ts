/**
 * The adapter from NewBusApi to the official SDK client, `@aws-sdk/client-eventbridgev2`, loaded
 * at run time only when it is installed: the npm registry these machines reach does not serve
 * it yet (`npm view @aws-sdk/client-eventbridgev2` answers 404), and no hand-written client
 * stands in for it. Until it resolves, `newBusAccess` says why the new bus is left out, and
 * import and push say so.
 *
 * Operation and member names are those of AWS's API reference for eventsv2 (ListEventBuses,
 * DescribeSubscriber…, `NextToken` paging, tags through ListTagsForResource). The adapter has not
 * run against the SDK yet: when the package installs, lib/aws/new-bus.test.ts's skipped test
 * names what to check.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { z } from "zod";
import type { AwsConnectionSettings } from "./connection";
import { awsClientConfig } from "./connection";
import { NEW_BUS_CLIENT_PACKAGE, type EventSourceState, type NewBusAccess, type NewBusApi, type NewBusState, type SubscriberState } from "./new-bus-api";
import type { Tags } from "../resources/account-state";

/** Resolved from the project root, as the app and the tests run. */
const requireFromProject = createRequire(join(process.cwd(), "package.json"));

/** Why the SDK client cannot be loaded, or undefined when it can. */
export function newBusClientMissing(): string | undefined {
  try {
    requireFromProject.resolve(NEW_BUS_CLIENT_PACKAGE);
    return undefined;
  } catch {
    return `${NEW_BUS_CLIENT_PACKAGE} is not installed (the npm registry in use does not serve it yet), so Custom Event Buses are neither read nor pushed`;
  }
}

interface SdkClient {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}
type SdkModule = Record<string, unknown> & { EventBridgeV2Client: new (config: object) => SdkClient };

export function newBusAccess(connection: AwsConnectionSettings, abortSignal?: AbortSignal): NewBusAccess {
  const missing = newBusClientMissing();
  if (missing !== undefined) return { available: false, reason: missing };
  const sdk = requireFromProject(NEW_BUS_CLIENT_PACKAGE) as SdkModule;
  const client = new sdk.EventBridgeV2Client(awsClientConfig(connection));
  return { available: true, api: new SdkNewBusApi(sdk, client, abortSignal), close: () => client.destroy() };
}

const tagsOutput = z.object({ Tags: z.record(z.string(), z.string()).optional() });
const page = <T extends z.ZodType>(key: string, item: T) => z.object({ [key]: z.array(item).optional(), NextToken: z.string().optional() });
const busSummary = z.object({ Name: z.string(), EventBusArn: z.string() });
const arnOnly = (key: string) => z.object({ [key]: z.string() });

class SdkNewBusApi implements NewBusApi {
  constructor(
    private readonly sdk: SdkModule,
    private readonly client: SdkClient,
    private readonly abortSignal: AbortSignal | undefined,
  ) {}

  private async call(operation: string, input: object): Promise<unknown> {
    const Command = this.sdk[`${operation}Command`] as new (input: object) => object;
    return this.client.send(new Command(input), { abortSignal: this.abortSignal });
  }

  /** Every item of a paged list operation. */
  private async list<T extends z.ZodType>(operation: string, key: string, item: T, input: object = {}): Promise<z.infer<T>[]> {
    const items: z.infer<T>[] = [];
    let NextToken: string | undefined;
    do {
      const output = page(key, item).parse(await this.call(operation, { ...input, NextToken }));
      items.push(...((output[key] as z.infer<T>[] | undefined) ?? []));
      NextToken = output.NextToken as string | undefined;
    } while (NextToken !== undefined);
    return items;
  }

  private async tags(resourceArn: string): Promise<Tags> {
    return tagsOutput.parse(await this.call("ListTagsForResource", { ResourceArn: resourceArn })).Tags ?? {};
  }

  async listEventBuses(): Promise<readonly NewBusState[]> {
    const buses = await this.list("ListEventBuses", "EventBuses", busSummary);
    return Promise.all(
      buses.map(async (bus) => {
        const described = (await this.call("DescribeEventBus", { EventBusArn: bus.EventBusArn })) as Omit<NewBusState, "Tags">;
        return { ...described, Tags: await this.tags(bus.EventBusArn) };
      }),
    );
  }

  async listEventSources(eventBusArn: string): Promise<readonly EventSourceState[]> {
    const sources = await this.list("ListEventSources", "EventSources", arnOnly("EventSourceArn"), { EventBusArn: eventBusArn });
    return Promise.all(sources.map(async (source) => (await this.call("DescribeEventSource", { EventSourceArn: source.EventSourceArn })) as EventSourceState));
  }

  async listSubscribers(eventBusArn: string): Promise<readonly SubscriberState[]> {
    const subscribers = await this.list("ListSubscribers", "Subscribers", arnOnly("SubscriberArn"), { EventBusArn: eventBusArn });
    return Promise.all(
      subscribers.map(async (subscriber) => {
        const described = (await this.call("DescribeSubscriber", { SubscriberArn: subscriber.SubscriberArn })) as Omit<SubscriberState, "Tags">;
        return { ...described, Tags: await this.tags(subscriber.SubscriberArn) };
      }),
    );
  }

  async createEventBus(input: Parameters<NewBusApi["createEventBus"]>[0]) {
    return arnOnly("EventBusArn").parse(await this.call("CreateEventBus", input)) as { EventBusArn: string };
  }

  async updateEventBus(input: Parameters<NewBusApi["updateEventBus"]>[0]): Promise<void> {
    await this.call("UpdateEventBus", input);
  }

  async deleteEventBus(eventBusArn: string): Promise<void> {
    await this.call("DeleteEventBus", { EventBusArn: eventBusArn });
  }

  async createSubscriber(input: Parameters<NewBusApi["createSubscriber"]>[0]) {
    return arnOnly("SubscriberArn").parse(await this.call("CreateSubscriber", input)) as { SubscriberArn: string };
  }

  async updateSubscriber(input: Parameters<NewBusApi["updateSubscriber"]>[0]): Promise<void> {
    await this.call("UpdateSubscriber", input);
  }

  async deleteSubscriber(subscriberArn: string): Promise<void> {
    await this.call("DeleteSubscriber", { SubscriberArn: subscriberArn });
  }
}
