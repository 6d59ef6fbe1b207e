/**
 * What a Lambda event source mapping does with Kafka records (Amazon MSK or self-managed), so
 * "Send test records" can show the batches a function would receive without a cluster:
 *
 * - Filtering: a record's `value` is base64. For the filter, a value that decodes to JSON is
 *   matched as that JSON (`{"value": {"state": ["WA"]}}`), any other value as its decoded string;
 *   as AWS documents, Kafka filters see only `value` (lib/streams/filter-view.ts).
 *   A record passes when ANY filter criterion matches (`anyCriterionPasses`).
 *   Patterns match with lib/pattern, the same engine as rules.
 * - Batching: passing records are grouped per topic partition in offset order (each partition is
 *   processed in order) into batches of at most `batchSize` records, each delivered as the event
 *   Lambda builds for MSK: `{ eventSource: "aws:kafka", eventSourceArn, bootstrapServers,
 *   records: { "<topic>-<partition>": [record…] } }` (self-managed: `eventSource: "SelfManagedKafka"`,
 *   no ARN), with the records unchanged (value still base64).
 */
import { compilePattern, flattenJson, matchesEvent, parseJson, type CompiledPattern, type FlatEvent } from "@/lib/pattern";
import { anyCriterionPasses, streamRecordForFilter } from "./filter-view";

/** One record as Lambda receives it from Kafka (headers: one `{ key: bytes }` object per header). */
export interface KafkaRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly timestampType: string;
  readonly key?: string;
  readonly value: string;
  readonly headers: readonly Record<string, readonly number[]>[];
}

/** Lambda's event for one batch: from MSK `aws:kafka` with the cluster's ARN, from a self-managed cluster `SelfManagedKafka`. */
export type KafkaBatchEvent = (
  | { readonly eventSource: "aws:kafka"; readonly eventSourceArn: string }
  | { readonly eventSource: "SelfManagedKafka" }
) & {
  /** Comma-separated broker addresses, as in Lambda's event. */
  readonly bootstrapServers: string;
  readonly records: Readonly<Record<string, readonly KafkaRecord[]>>;
};

/** Where the records come from: an MSK cluster (its ARN) or a self-managed one (`eventSourceArn` absent). */
export interface KafkaEndpoints {
  readonly eventSourceArn?: string;
  readonly bootstrapServers: string;
}

export interface KafkaMappingSettings extends KafkaEndpoints {
  readonly batchSize: number;
  /** Event-pattern texts (the mapping's FilterCriteria). */
  readonly filterCriteria: readonly string[];
}

/** A record as given (e.g. a design sample): its name and JSON text. */
export interface NamedRecord {
  readonly name: string;
  readonly text: string;
}

export interface MappingRun {
  readonly passed: readonly { name: string; record: KafkaRecord }[];
  readonly filteredOut: readonly { name: string; record: KafkaRecord }[];
  readonly batches: readonly KafkaBatchEvent[];
  /** Records that could not be read, and filters that are not valid patterns. */
  readonly problems: readonly string[];
}

/** Reads a record's JSON text; throws an Error saying which field is wrong. */
export function parseKafkaRecord(text: string): KafkaRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("a Kafka record is a JSON object");
  const record = value as Record<string, unknown>;
  for (const field of ["topic", "timestampType", "value"] as const) {
    if (typeof record[field] !== "string") throw new Error(`field "${field}" must be a string`);
  }
  for (const field of ["partition", "offset", "timestamp"] as const) {
    if (typeof record[field] !== "number" || !Number.isInteger(record[field])) throw new Error(`field "${field}" must be an integer`);
  }
  if (record.key !== undefined && typeof record.key !== "string") throw new Error(`field "key" must be a base64 string`);
  if (!Array.isArray(record.headers)) throw new Error(`field "headers" must be an array`);
  return record as unknown as KafkaRecord;
}

/** The JSON text the filter criteria are matched against (Lambda's view: the decoded `value`). */
export function recordForFilter(record: KafkaRecord): string {
  return streamRecordForFilter(JSON.stringify(record), "kafka");
}

/** Whether `record` passes the filters (`anyCriterionPasses`). */
export function passesFilters(record: KafkaRecord, filters: readonly CompiledPattern[]): boolean {
  let flat: FlatEvent | undefined;
  return anyCriterionPasses(filters, (filter) => matchesEvent(filter, (flat ??= flattenJson(parseJson(recordForFilter(record)))))).passes;
}

/** Groups records per `<topic>-<partition>` in offset order and cuts batches of at most `batchSize`. */
export function batchRecords(records: readonly KafkaRecord[], settings: Omit<KafkaMappingSettings, "filterCriteria">): KafkaBatchEvent[] {
  if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1) throw new Error(`Batch size must be a positive integer, not ${settings.batchSize}`);
  const partitions = new Map<string, KafkaRecord[]>();
  for (const record of records) {
    const key = `${record.topic}-${record.partition}`;
    partitions.set(key, [...(partitions.get(key) ?? []), record]);
  }
  const batches: KafkaBatchEvent[] = [];
  const keys = [...partitions.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  for (const key of keys) {
    const ordered = [...partitions.get(key)!].sort((a, b) => a.offset - b.offset);
    for (let start = 0; start < ordered.length; start += settings.batchSize) {
      const from = settings.eventSourceArn === undefined ? { eventSource: "SelfManagedKafka" as const } : { eventSource: "aws:kafka" as const, eventSourceArn: settings.eventSourceArn };
      batches.push({ ...from, bootstrapServers: settings.bootstrapServers, records: { [key]: ordered.slice(start, start + settings.batchSize) } });
    }
  }
  return batches;
}

/** Filters and batches `records` as the mapping would; unreadable records and filters are reported, not thrown. */
export function runKafkaMapping(records: readonly NamedRecord[], settings: KafkaMappingSettings): MappingRun {
  const problems: string[] = [];
  const filters: CompiledPattern[] = [];
  settings.filterCriteria.forEach((text, i) => {
    try {
      filters.push(compilePattern(text));
    } catch (error) {
      problems.push(`Filter ${i + 1} is not a valid pattern: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  if (problems.length > 0) return { passed: [], filteredOut: [], batches: [], problems };

  const passed: { name: string; record: KafkaRecord }[] = [];
  const filteredOut: { name: string; record: KafkaRecord }[] = [];
  for (const { name, text } of records) {
    let record: KafkaRecord;
    try {
      record = parseKafkaRecord(text);
    } catch (error) {
      problems.push(`Record ${name}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    (passesFilters(record, filters) ? passed : filteredOut).push({ name, record });
  }
  return { passed, filteredOut, batches: batchRecords(passed.map((p) => p.record), settings), problems };
}

/**
 * The event source ARN and bootstrap servers Lambda would report for an MSK cluster; the ARN's
 * last part (the cluster's generated id) is unknown to a design, so it is zeros.
 */
export function mskEndpoints(cluster: { clusterName: string; account: string; region: string }): Required<KafkaEndpoints> {
  const host = (broker: number) => `b-${broker}.${cluster.clusterName}.kafka.${cluster.region}.amazonaws.com:9098`;
  return {
    eventSourceArn: `arn:aws:kafka:${cluster.region}:${cluster.account}:cluster/${cluster.clusterName}/00000000-0000-0000-0000-000000000000-1`,
    bootstrapServers: [host(1), host(2)].join(","),
  };
}
