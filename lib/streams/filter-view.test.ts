import { describe, expect, it } from "vitest";
import { encodeBase64Utf8 } from "./base64";
import { anyCriterionPasses, streamRecordForFilter } from "./filter-view";

describe("streamRecordForFilter", () => {
  it("keeps only a Kafka record's value (the one key its filters see), decodes Kafka values and Kinesis data from base64, SQS bodies from JSON text; non-JSON payloads stay strings", () => {
    const value = encodeBase64Utf8('{"city": "Zürich"}');
    expect(JSON.parse(streamRecordForFilter(JSON.stringify({ topic: "t", partition: 0, value }), "kafka"))).toEqual({ value: { city: "Zürich" } });
    expect(JSON.parse(streamRecordForFilter(JSON.stringify({ value: encodeBase64Utf8("plain text") }), "kafka")).value).toBe("plain text");
    expect(JSON.parse(streamRecordForFilter(JSON.stringify({ kinesis: { data: encodeBase64Utf8('{"a":1}') } }), "kinesis")).kinesis).toEqual({ data: { a: 1 } });
    expect(JSON.parse(streamRecordForFilter(JSON.stringify({ body: '{"a":1}' }), "sqs")).body).toEqual({ a: 1 });
    expect(JSON.parse(streamRecordForFilter(JSON.stringify({ body: "hello" }), "sqs")).body).toBe("hello");
    const dynamo = { eventName: "INSERT", dynamodb: { NewImage: { id: { S: "1" } } } };
    expect(JSON.parse(streamRecordForFilter(JSON.stringify(dynamo), "dynamodb"))).toEqual(dynamo);
  });

  it("refuses a record that is not an object", () => {
    expect(() => streamRecordForFilter("[1]", "sqs")).toThrow("A stream record must be a JSON object.");
  });
});

// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html: filters are
// "logically ORed together"; a mapping without filters sends every record.
describe("anyCriterionPasses", () => {
  it("passes on the first matching criterion, asks no further, and passes everything without criteria", () => {
    const asked: number[] = [];
    const matches = (n: number) => {
      asked.push(n);
      return n % 2 === 0;
    };
    expect(anyCriterionPasses([1, 4, 6], matches)).toEqual({ passes: true, passedBy: 1 });
    expect(asked).toEqual([1, 4]);
    expect(anyCriterionPasses([1, 3], matches)).toEqual({ passes: false });
    expect(anyCriterionPasses([], matches)).toEqual({ passes: true });
  });
});
