import { describe, expect, it } from "vitest";
import { compilePattern } from "@/lib/pattern";
import { decodeBase64Utf8, encodeBase64Utf8 } from "./base64";
import { batchRecords, mskEndpoints, parseKafkaRecord, passesFilters, recordForFilter, runKafkaMapping, type KafkaRecord } from "./kafka";

function record(partition: number, offset: number, value: string, extra: Partial<KafkaRecord> = {}): KafkaRecord {
  return { topic: "customer", partition, offset, timestamp: 1772445000000 + offset, timestampType: "CREATE_TIME", key: encodeBase64Utf8(`k${offset}`), value: encodeBase64Utf8(value), headers: [], ...extra };
}
const named = (r: KafkaRecord, name = `p${r.partition}o${r.offset}`) => ({ name, text: JSON.stringify(r) });
const ENDPOINTS = mskEndpoints({ clusterName: "c1", account: "111111111111", region: "us-east-1" });
const filters = (...texts: string[]) => texts.map((t) => compilePattern(t));

describe("base64", () => {
  it("round-trips UTF-8 text and refuses what is not base64", () => {
    expect(decodeBase64Utf8(encodeBase64Utf8('{"city":"Zürich"}'))).toBe('{"city":"Zürich"}');
    expect(encodeBase64Utf8('{"key":"value"}')).toBe("eyJrZXkiOiJ2YWx1ZSJ9");
    expect(() => decodeBase64Utf8("not base64!")).toThrow();
  });
});

describe("Kafka filtering", () => {
  it("matches the value key against the decoded JSON value", () => {
    const wa = record(0, 1, '{"state":"WA"}');
    expect(JSON.parse(recordForFilter(wa)).value).toEqual({ state: "WA" });
    expect(passesFilters(wa, filters('{"value":{"state":["WA"]}}'))).toBe(true);
    expect(passesFilters(record(0, 2, '{"state":"NY"}'), filters('{"value":{"state":["WA"]}}'))).toBe(false);
  });

  it("matches a value that is not JSON as its decoded string", () => {
    const text = record(0, 3, "Hello, this is a test.");
    expect(passesFilters(text, filters('{"value":[{"prefix":"Hello"}]}'))).toBe(true);
    expect(passesFilters(text, filters('{"value":{"state":["WA"]}}'))).toBe(false);
  });

  it("sees only the value (as AWS documents for Kafka) and passes a record when any criterion matches", () => {
    const r = record(3, 4, '{"state":"NY"}');
    expect(passesFilters(r, filters('{"partition":[3]}'))).toBe(false);
    expect(passesFilters(r, filters('{"value":{"state":["WA"]}}', '{"value":{"state":["NY"]}}'))).toBe(true);
    expect(passesFilters(r, filters('{"value":{"state":["WA"]}}', '{"partition":[3]}'))).toBe(false);
    expect(passesFilters(r, [])).toBe(true);
  });

  it("keeps numeric semantics inside the value (a string is not a number)", () => {
    const f = filters('{"value":{"total":[{"numeric":[">",200]}]}}');
    expect(passesFilters(record(0, 5, '{"total":242.58}'), f)).toBe(true);
    expect(passesFilters(record(0, 6, '{"total":"242.58"}'), f)).toBe(false);
  });
});

describe("Kafka batching", () => {
  it("groups per partition in offset order, in batches of at most batchSize, shaped as Lambda's MSK event", () => {
    const records = [record(1, 9, "a"), record(0, 3, "b"), record(0, 1, "c"), record(0, 2, "d"), record(1, 8, "e")];
    const batches = batchRecords(records, { batchSize: 2, ...ENDPOINTS });
    expect(batches.map((b) => Object.entries(b.records).map(([key, rs]) => [key, rs.map((r) => r.offset)]))).toEqual([
      [["customer-0", [1, 2]]],
      [["customer-0", [3]]],
      [["customer-1", [8, 9]]],
    ]);
    expect(batches[0]).toMatchObject({
      eventSource: "aws:kafka",
      eventSourceArn: "arn:aws:kafka:us-east-1:111111111111:cluster/c1/00000000-0000-0000-0000-000000000000-1",
      bootstrapServers: "b-1.c1.kafka.us-east-1.amazonaws.com:9098,b-2.c1.kafka.us-east-1.amazonaws.com:9098",
    });
    // Records reach the function unchanged: value still base64.
    expect(batches[0]!.records["customer-0"]![0]!.value).toBe(encodeBase64Utf8("c"));
  });

  it("marks batches of a self-managed cluster as SelfManagedKafka, without an ARN", () => {
    const [batch] = batchRecords([record(0, 1, "a")], { batchSize: 10, bootstrapServers: "kafka-1:9092" });
    expect(batch).toEqual({ eventSource: "SelfManagedKafka", bootstrapServers: "kafka-1:9092", records: { "customer-0": [record(0, 1, "a")] } });
  });

  it("orders partitions numerically (customer-2 before customer-10)", () => {
    const batches = batchRecords([record(10, 1, "a"), record(2, 1, "b")], { batchSize: 100, ...ENDPOINTS });
    expect(batches.map((b) => Object.keys(b.records)[0])).toEqual(["customer-2", "customer-10"]);
  });

  it("refuses a batch size below 1", () => {
    expect(() => batchRecords([], { batchSize: 0, ...ENDPOINTS })).toThrow("Batch size must be a positive integer");
  });
});

describe("runKafkaMapping", () => {
  it("filters, batches, and names what was filtered out", () => {
    const run = runKafkaMapping([named(record(0, 1, '{"state":"WA"}'), "wa"), named(record(0, 2, '{"state":"NY"}'), "ny"), named(record(1, 1, "ping"), "text")], {
      batchSize: 100,
      filterCriteria: ['{"value":{"state":["WA"]}}'],
      ...ENDPOINTS,
    });
    expect(run.passed.map((p) => p.name)).toEqual(["wa"]);
    expect(run.filteredOut.map((p) => p.name)).toEqual(["ny", "text"]);
    expect(run.batches).toHaveLength(1);
    expect(run.problems).toEqual([]);
  });

  it("reports unreadable records and invalid filters instead of throwing", () => {
    const bad = runKafkaMapping([{ name: "broken", text: "{" }, { name: "no-offset", text: '{"topic":"t","partition":0,"timestampType":"CREATE_TIME","value":"","headers":[],"timestamp":1}' }], {
      batchSize: 10,
      filterCriteria: [],
      ...ENDPOINTS,
    });
    expect(bad.problems).toEqual([expect.stringMatching(/^Record broken: not valid JSON/), 'Record no-offset: field "offset" must be an integer']);
    const badFilter = runKafkaMapping([named(record(0, 1, "x"))], { batchSize: 10, filterCriteria: ['{"value": 1}'], ...ENDPOINTS });
    expect(badFilter.problems).toEqual([expect.stringMatching(/^Filter 1 is not a valid pattern/)]);
    expect(badFilter.batches).toEqual([]);
  });

  it("parses a record and rejects wrong field types", () => {
    expect(parseKafkaRecord(JSON.stringify(record(0, 1, "x")))).toMatchObject({ partition: 0, offset: 1 });
    expect(() => parseKafkaRecord('{"topic":1}')).toThrow('field "topic" must be a string');
  });
});
