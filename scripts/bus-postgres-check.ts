// The local EventBridge on PostgreSQL (Prisma row store): run through scripts/with-postgres.sh,
//   bash scripts/with-postgres.sh tsx scripts/bus-postgres-check.ts
// Creates a bus, a rule with an inbox target and an archive through the AWS SDK, puts events,
// checks they are stored with their deliveries, queries them like the explorer, and replays them.
import assert from "node:assert/strict";
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
} from "@aws-sdk/client-eventbridge";
import { closeDb } from "../lib/db";
import { parseEventFilter, queryEvents } from "../lib/explorer/index";
import { listenOnLoopback } from "../lib/emulator/loopback-server";
import { BusRuntime } from "../lib/emulator/runtime";
import { readBusConfig } from "../lib/emulator/config";

const url = process.env.DATABASE_URL ?? "";
assert.match(url, /^postgres/, "DATABASE_URL must be PostgreSQL (run through scripts/with-postgres.sh)");
const runtime = await BusRuntime.open(url, readBusConfig({ SWITCHYARD_BUS_RETRY_BASE_MS: "20" }));
runtime.start();
const server = await listenOnLoopback(runtime);
try {
  const eb = new EventBridgeClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "pg", secretAccessKey: "pg" } });
  const bus = "arn:aws:events:us-east-1:000000000000:event-bus/pg";
  await eb.send(new CreateEventBusCommand({ Name: "pg" }));
  await eb.send(new CreateArchiveCommand({ ArchiveName: "pg-all", EventSourceArn: bus }));
  await eb.send(new PutRuleCommand({ Name: "big", EventBusName: "pg", EventPattern: JSON.stringify({ detail: { n: [{ numeric: [">=", 5] }] } }) }));
  await eb.send(new PutTargetsCommand({ Rule: "big", EventBusName: "pg", Targets: [{ Id: "q", Arn: "arn:aws:sqs:us-east-1:000000000000:q", InputPath: "$.detail" }] }));
  const put = await eb.send(
    new PutEventsCommand({ Entries: Array.from({ length: 10 }, (_, n) => ({ EventBusName: "pg", Source: "pg.test", DetailType: "N", Detail: JSON.stringify({ n }) })) }),
  );
  assert.equal(put.FailedEntryCount, 0);
  const deliveries = await runtime.db.delivery.findMany({ where: { targetId: "q" } });
  assert.deepEqual(deliveries.map((d) => JSON.parse(d.payload).n).sort(), [5, 6, 7, 8, 9]);
  assert.ok(deliveries.every((d) => d.status === "inbox"));
  const page = await queryEvents(runtime.db, parseEventFilter(new URLSearchParams({ source: "pg.test", pattern: '{"detail":{"n":[0]}}' })));
  assert.equal(page.events.length, 1);
  await eb.send(
    new StartReplayCommand({
      ReplayName: "pg-again",
      EventSourceArn: "arn:aws:events:us-east-1:000000000000:archive/pg-all",
      EventStartTime: new Date(Date.now() - 60_000),
      EventEndTime: new Date(),
      Destination: { Arn: bus },
    }),
  );
  for (let i = 0; i < 200; i++) {
    if ((await eb.send(new DescribeReplayCommand({ ReplayName: "pg-again" }))).State === "COMPLETED") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal((await eb.send(new DescribeReplayCommand({ ReplayName: "pg-again" }))).State, "COMPLETED");
  assert.equal(await runtime.db.busEvent.count({ where: { replayName: "pg-again" } }), 10);
  console.log("local EventBridge on PostgreSQL: OK (bus, rule, inbox deliveries, explorer query, replay)");
} finally {
  await runtime.stop();
  await server.close();
  await closeDb(url);
}
