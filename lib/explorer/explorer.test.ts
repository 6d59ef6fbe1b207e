/** The explorer's queries over events put through the SDK: filters, keyset paging, export, selection replay. */
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { eventDetail, exportJsonLines, parseEventFilter, queryEvents } from "./index";
import { replaySelection } from "../emulator/events/replay-selection";
import { startTestEndpoint, type TestEndpoint } from "../emulator/test-endpoint";

let endpoint: TestEndpoint;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  const eb = endpoint.eventBridgeClient();
  for (let batch = 0; batch < 25; batch++) {
    const entries = Array.from({ length: 10 }, (_, i) => {
      const n = batch * 10 + i;
      return { Source: n % 2 === 0 ? "even" : "odd", DetailType: "Number", Detail: JSON.stringify({ n, tag: n % 50 === 0 ? "fifty" : "plain" }) };
    });
    await eb.send(new PutEventsCommand({ Entries: entries }));
  }
});

afterAll(() => endpoint.close());

const filter = (query: Record<string, string>) => parseEventFilter(new URLSearchParams(query));

describe("queryEvents", () => {
  it("pages newest first without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryEvents(endpoint.runtime.db, filter({ limit: "40", ...(cursor ? { cursor } : {}) }));
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it("filters by source, free text and event pattern", async () => {
    const odd = await queryEvents(endpoint.runtime.db, filter({ source: "odd" }));
    expect(odd.events).toHaveLength(100);
    expect(odd.nextCursor).toBeDefined();
    const fifty = await queryEvents(endpoint.runtime.db, filter({ text: '"fifty"' }));
    expect(fifty.events).toHaveLength(5);
    const byPattern = await queryEvents(endpoint.runtime.db, filter({ pattern: JSON.stringify({ detail: { n: [{ numeric: [">=", 240] }] } }) }));
    expect(byPattern.events).toHaveLength(10);
    expect(byPattern.nextCursor).toBeUndefined();
    const detail = await eventDetail(endpoint.runtime.db, byPattern.events[0].id);
    expect(JSON.parse(detail.body).detail.n).toBe(249);
  });

  it("pages a pattern filter across scans", async () => {
    const pattern = JSON.stringify({ detail: { tag: ["plain"] } });
    const first = await queryEvents(endpoint.runtime.db, filter({ pattern, limit: "100" }));
    const second = await queryEvents(endpoint.runtime.db, filter({ pattern, limit: "100", cursor: first.nextCursor! }));
    const third = await queryEvents(endpoint.runtime.db, filter({ pattern, limit: "100", cursor: second.nextCursor! }));
    const ids = [...first.events, ...second.events, ...third.events].map((e) => e.id);
    expect(ids).toHaveLength(245);
    expect(new Set(ids).size).toBe(245);
    expect(third.nextCursor).toBeUndefined();
  });

  it("filters by received time", async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    expect((await queryEvents(endpoint.runtime.db, filter({ from: inAnHour }))).events).toHaveLength(0);
    expect((await queryEvents(endpoint.runtime.db, filter({ to: hourAgo }))).events).toHaveLength(0);
    const within = await queryEvents(endpoint.runtime.db, filter({ from: hourAgo, to: inAnHour, source: "even" }));
    expect(within.events).toHaveLength(100);
    const rest = await queryEvents(endpoint.runtime.db, filter({ from: hourAgo, to: inAnHour, source: "even", cursor: within.nextCursor! }));
    expect(rest.events).toHaveLength(25);
  });

  it("rejects an invalid pattern and malformed filters with the reason", async () => {
    await expect(queryEvents(endpoint.runtime.db, filter({ pattern: '{"detail": 1}' }))).rejects.toBeInstanceOf(ValidationError);
    expect(() => filter({ from: "yesterday" })).toThrow(/from/);
  });
});

describe("selection actions", () => {
  it("exports JSON Lines and replays onto the same bus", async () => {
    const page = await queryEvents(endpoint.runtime.db, filter({ text: '"fifty"' }));
    const ids = page.events.map((e) => e.id);
    const lines = (await exportJsonLines(endpoint.runtime.db, ids)).trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line).detail.tag)).toEqual(Array(5).fill("fifty"));
    expect(await replaySelection(endpoint.runtime, ids, "pick")).toBe(5);
    const replayed = await endpoint.runtime.db.busEvent.findMany({ where: { replayName: "pick" } });
    expect(replayed).toHaveLength(5);
    expect(replayed.every((row) => JSON.parse(row.body)["replay-name"] === "pick")).toBe(true);
  });
});
