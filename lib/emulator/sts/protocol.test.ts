import type http from "node:http";
import { describe, expect, it } from "vitest";
import { isEventBridgeCall, isLocalAwsCall, isSqsCall, isStsCall } from "../loopback-server";
import { signedServiceOf } from "./protocol";

const signed = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKID/20261123/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"a".repeat(64)}`;
const request = (headers: Record<string, string>, method = "POST", url = "/") => ({ method, url, headers }) as unknown as http.IncomingMessage;

describe("request-shape dispatch of the local endpoint", () => {
  it("reads the signed service from the credential scope", () => {
    expect(signedServiceOf(signed("sts"))).toBe("sts");
    expect(signedServiceOf(signed("sqs"))).toBe("sqs");
    expect(signedServiceOf("Bearer token")).toBeUndefined();
    expect(signedServiceOf(undefined)).toBeUndefined();
  });

  it("tells EventBridge, SQS and STS calls apart, and leaves everything else to Next", () => {
    const events = request({ "x-amz-target": "AWSEvents.PutEvents", authorization: signed("events") });
    const sqs = request({ "x-amz-target": "AmazonSQS.ReceiveMessage", authorization: signed("sqs") });
    const sts = request({ "content-type": "application/x-www-form-urlencoded", authorization: signed("sts") });
    expect([isEventBridgeCall(events), isSqsCall(events), isStsCall(events)]).toEqual([true, false, false]);
    expect([isEventBridgeCall(sqs), isSqsCall(sqs), isStsCall(sqs)]).toEqual([false, true, false]);
    expect([isEventBridgeCall(sts), isSqsCall(sts), isStsCall(sts)]).toEqual([false, false, true]);
    // A page's own form post (no SigV4 for sts), a GET, or another path is the app's.
    expect(isLocalAwsCall(request({ "content-type": "application/x-www-form-urlencoded" }))).toBe(false);
    expect(isLocalAwsCall(request({ "x-amz-target": "AmazonSQS.ListQueues" }, "GET"))).toBe(false);
    expect(isLocalAwsCall(request({ "x-amz-target": "AmazonSQS.ListQueues" }, "POST", "/api/designs"))).toBe(false);
    expect(isLocalAwsCall(request({ authorization: signed("sts") }, "POST", "/settings"))).toBe(false);
  });
});
