/**
 * The pipe's filter and input template, without a runtime:
 * - filters see each source's record as delivered to the filter: SQS `body` parsed when JSON,
 *   Kinesis `data` and Kafka `value` base64-decoded, DynamoDB records as they are
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-event-filtering.html);
 * - InputTemplate: `<$.path>` as JSON outside quotes and as text inside, reserved `<aws.pipes.*>`
 *   variables, the SQS body parsed implicitly
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-input-transformation.html).
 */
import { describe, expect, it } from "vitest";
import { encodeBase64Utf8 } from "../../streams/base64";
import { UndeliverableInputError } from "../../transform";
import { filterRecords } from "./engine";
import { batchingOf, parseTestRecords, sourceKindOf } from "./source";
import { renderPipeTemplate, type PipeTemplateContext } from "./template";

const context: PipeTemplateContext = {
  pipeArn: "arn:aws:pipes:us-east-1:000000000000:pipe/p",
  pipeName: "p",
  sourceArn: "arn:aws:sqs:us-east-1:000000000000:q",
  targetArn: "arn:aws:events:us-east-1:000000000000:event-bus/default",
  ingestionTime: "2026-12-07T10:00:00.000Z",
};

describe("filterRecords: what each source kind's filter sees", () => {
  const passing = (kind: Parameters<typeof filterRecords>[0]["sourceKind"], pattern: object, records: object[]) =>
    filterRecords({ sourceKind: kind, filters: [JSON.stringify(pattern)] }, records as never).passed;

  it("parses an SQS body that is JSON, and leaves one that is not as a string", () => {
    const records = [{ body: '{"status":"PAID"}' }, { body: "status PAID" }];
    expect(passing("sqs", { body: { status: ["PAID"] } }, records)).toEqual([records[0]]);
    expect(passing("sqs", { body: ["status PAID"] }, records)).toEqual([records[1]]);
  });

  it("decodes Kinesis data and Kafka values from base64; DynamoDB images are matched as they are", () => {
    const kinesis = [{ data: encodeBase64Utf8('{"page":"/a"}') }, { data: encodeBase64Utf8('{"page":"/b"}') }];
    expect(passing("kinesis", { data: { page: ["/a"] } }, kinesis)).toEqual([kinesis[0]]);
    const kafka = [{ topic: "t", value: encodeBase64Utf8('{"state":"WA"}'), key: "k" }];
    expect(passing("msk", { value: { state: ["WA"] } }, kafka)).toEqual(kafka);
    // Kafka filters see `value` only.
    expect(passing("kafka", { topic: ["t"] }, kafka)).toEqual([]);
    const dynamodb = [{ eventName: "INSERT", dynamodb: { NewImage: { status: { S: "PAID" } } } }];
    expect(passing("dynamodb", { dynamodb: { NewImage: { status: { S: ["PAID"] } } } }, dynamodb)).toEqual(dynamodb);
  });

  it("passes a record that any filter matches, and everything without filters", () => {
    const records = [{ body: '{"a":1}' }, { body: '{"b":2}' }, { body: '{"c":3}' }];
    const result = filterRecords({ sourceKind: "sqs", filters: ['{"body":{"a":[1]}}', '{"body":{"b":[2]}}'] }, records);
    expect(result).toEqual({ passed: records.slice(0, 2), dropped: [records[2]] });
    expect(filterRecords({ sourceKind: "sqs", filters: [] }, records).passed).toEqual(records);
  });
});

describe("renderPipeTemplate", () => {
  const record = { messageId: "m1", body: '{"order":{"id":7,"items":["a","b"]},"note":"hi"}', eventSource: "aws:sqs" };

  it("reads the parsed body, as JSON outside quotes and as text inside", () => {
    expect(renderPipeTemplate('{"id": <$.body.order.id>, "items": <$.body.order.items>, "text": "note: <$.body.note>"}', record, "sqs", context)).toBe(
      '{"id": 7, "items": ["a","b"], "text": "note: hi"}',
    );
  });

  it("fills the reserved variables", () => {
    const text = renderPipeTemplate(
      '{"pipe": "<aws.pipes.pipe-name>", "arn": "<aws.pipes.pipe-arn>", "at": "<aws.pipes.event.ingestion-time>", "event": <aws.pipes.event>, "json": <aws.pipes.event.json>}',
      record,
      "sqs",
      context,
    );
    // `.json` has the body decoded into JSON.
    expect(JSON.parse(text)).toEqual({ pipe: "p", arn: context.pipeArn, at: context.ingestionTime, event: record, json: { ...record, body: JSON.parse(record.body) as unknown } });
  });

  it("delivers a string template as written, and refuses a JSON template that does not fill to JSON", () => {
    expect(renderPipeTemplate("Order <$.body.order.id> from <aws.pipes.source-arn>", record, "sqs", context)).toBe(`Order 7 from ${context.sourceArn}`);
    expect(() => renderPipeTemplate('{"items": "<$.body.order>"}', record, "sqs", context)).toThrow(UndeliverableInputError);
  });
});

describe("sources", () => {
  it("tells the source kind from the ARN", () => {
    expect(sourceKindOf("arn:aws:sqs:us-east-1:000000000000:q")).toBe("sqs");
    expect(sourceKindOf("arn:aws:kinesis:us-east-1:000000000000:stream/s")).toBe("kinesis");
    expect(sourceKindOf("arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-01-01T00:00:00.000")).toBe("dynamodb");
    expect(sourceKindOf("arn:aws:kafka:us-east-1:000000000000:cluster/c/uuid")).toBe("msk");
    expect(sourceKindOf("smk://broker-1:9092")).toBe("kafka");
    expect(sourceKindOf("arn:aws:dynamodb:us-east-1:000000000000:table/t")).toBeUndefined();
    expect(sourceKindOf("arn:aws:sns:us-east-1:000000000000:topic")).toBeUndefined();
  });

  it("batches with the given BatchSize and window, or the kind's defaults (SQS 10, streams 100)", () => {
    expect(batchingOf("sqs", {})).toEqual({ batchSize: 10, windowMs: 0 });
    expect(batchingOf("kinesis", { KinesisStreamParameters: { StartingPosition: "LATEST" } })).toEqual({ batchSize: 100, windowMs: 0 });
    expect(batchingOf("sqs", { SqsQueueParameters: { BatchSize: 50, MaximumBatchingWindowInSeconds: 2 } })).toEqual({ batchSize: 50, windowMs: 2000 });
  });

  it('takes "send test records" for a stream source only, saying what is wrong and where', () => {
    const stream = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    expect(parseTestRecords({ source: stream, records: [{ data: "e30=" }] })).toEqual({ source: stream, records: [{ data: "e30=" }] });
    expect(() => parseTestRecords({ source: "arn:aws:sqs:us-east-1:000000000000:q", records: [{ body: "x" }] })).toThrow(/source: must be the ARN of a stream source/);
    expect(() => parseTestRecords({ source: stream, records: [] })).toThrow(/records/);
    expect(() => parseTestRecords({ source: stream, records: ["text"] })).toThrow(/records\.0/);
  });
});
