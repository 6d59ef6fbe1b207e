/** UpdateArchive on the local EventBridge through the real SDK: what changes, what stays, AWS's errors. */
import { CreateArchiveCommand, CreateEventBusCommand, DescribeArchiveCommand, EventBridgeClient, UpdateArchiveCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";

let endpoint: TestEndpoint;
let client: EventBridgeClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  client = endpoint.eventBridgeClient();
  const { EventBusArn } = await client.send(new CreateEventBusCommand({ Name: "orders" }));
  await client.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: EventBusArn, EventPattern: '{"source":["shop"]}', RetentionDays: 7, Description: "first" }));
}, 30_000);

afterAll(async () => {
  client.destroy();
  await endpoint.close();
});

describe("UpdateArchive", () => {
  it("changes the members given and keeps the others", async () => {
    const answer = await client.send(new UpdateArchiveCommand({ ArchiveName: "a", RetentionDays: 0 }));
    expect(answer).toMatchObject({ ArchiveArn: "arn:aws:events:us-east-1:000000000000:archive/a", State: "ENABLED" });
    expect(await client.send(new DescribeArchiveCommand({ ArchiveName: "a" }))).toMatchObject({ RetentionDays: 0, EventPattern: '{"source":["shop"]}', Description: "first" });
    await client.send(new UpdateArchiveCommand({ ArchiveName: "a", EventPattern: '{"detail-type":["Paid"]}', Description: "second" }));
    expect(await client.send(new DescribeArchiveCommand({ ArchiveName: "a" }))).toMatchObject({ RetentionDays: 0, EventPattern: '{"detail-type":["Paid"]}', Description: "second" });
  });

  it("answers AWS's errors for a bad pattern and a missing archive", async () => {
    await expect(client.send(new UpdateArchiveCommand({ ArchiveName: "a", EventPattern: '{"source":"shop"}' }))).rejects.toMatchObject({ name: "InvalidEventPatternException" });
    await expect(client.send(new UpdateArchiveCommand({ ArchiveName: "missing", RetentionDays: 1 }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});
