import { describe, expect, it } from "vitest";
import { hasOnlyAllowedCharacters, LocalQueues, md5OfMessageAttributes } from "./queues";

describe("md5OfMessageAttributes", () => {
  it("matches the digests other SQS emulators pin as AWS's (moto's test vectors)", () => {
    expect(md5OfMessageAttributes({ timestamp: { DataType: "Number", StringValue: "1493147359900" } })).toBe("235c5c510d26fb653d073faed50ae77c");
    expect(md5OfMessageAttributes({ timestamp: { DataType: "Number", StringValue: "1493147359901" } })).toBe("994258b45346a2cc3f9cbb611aa7af30");
  });
  it("digests attributes in name order, and none at all as absent", () => {
    const a = { DataType: "String", StringValue: "x" };
    const b = { DataType: "Binary", BinaryValue: Buffer.from("hi").toString("base64") };
    expect(md5OfMessageAttributes({ a, b })).toBe(md5OfMessageAttributes({ b, a }));
    expect(md5OfMessageAttributes({ a })).not.toBe(md5OfMessageAttributes({ a: { ...a, DataType: "String.custom" } }));
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});

describe("hasOnlyAllowedCharacters", () => {
  it("allows tab, newlines, text and astral characters; refuses other controls and lone surrogates", () => {
    expect(hasOnlyAllowedCharacters('{"a":"é ✓ 😀"}\t\n\r')).toBe(true);
    expect(hasOnlyAllowedCharacters("a\u0000b")).toBe(false);
    expect(hasOnlyAllowedCharacters("a\u001Fb")).toBe(false);
    expect(hasOnlyAllowedCharacters("a\uFFFEb")).toBe(false);
    expect(hasOnlyAllowedCharacters("a\uD800b")).toBe(false);
    expect(hasOnlyAllowedCharacters("a\uDC00")).toBe(false);
  });
});

describe("LocalQueue", () => {
  it("holds a delayed message back and hides a received one for its visibility timeout", async () => {
    const queue = new LocalQueues("us-east-1").create("000000000000", "q", {});
    queue.send("later", { senderId: "x", delaySeconds: 1 });
    queue.send("now", { senderId: "x" });
    expect(queue.counts()).toEqual({ visible: 1, inFlight: 0, delayed: 1 });
    const first = await queue.receive({ max: 10, visibilitySeconds: 0, waitSeconds: 0 });
    expect(first.map((m) => m.body)).toEqual(["now"]);
    // Visibility 0: visible again at once, received a second time.
    const again = await queue.receive({ max: 10, visibilitySeconds: 30, waitSeconds: 0 });
    expect(again.map((m) => [m.body, m.receiveCount])).toEqual([["now", 2]]);
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 1 });
    // A long poll picks up the delayed one when its delay ends.
    const late = await queue.receive({ max: 10, waitSeconds: 3 });
    expect(late.map((m) => m.body)).toEqual(["later"]);
  });

  it("finds queues by ARN only in their own account and region", () => {
    const queues = new LocalQueues("us-east-1");
    const queue = queues.create("111122223333", "orders", {});
    expect(queues.byArn("arn:aws:sqs:us-east-1:111122223333:orders")).toBe(queue);
    expect(queues.byArn("arn:aws:sqs:eu-west-1:111122223333:orders")).toBeUndefined();
    expect(queues.byArn("arn:aws:sqs:us-east-1:000000000000:orders")).toBeUndefined();
    expect(queues.deliver("arn:aws:sqs:us-east-1:111122223333:orders", '{"a":1}', "events")).toBe(true);
    expect(queues.deliver("arn:aws:sqs:us-east-1:111122223333:missing", "{}", "events")).toBe(false);
    expect(queue.counts().visible).toBe(1);
  });
});
