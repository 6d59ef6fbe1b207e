import { describe, expect, it } from "vitest";
import { busArn, eventBusV2Arn, newBusNameOf } from ".";

describe("newBusNameOf", () => {
  const scope = { account: "123456789012", region: "eu-central-1" };
  it("reads the name of a Custom Event Bus ARN, in any partition", () => {
    expect(newBusNameOf(eventBusV2Arn(scope, "payments", "a1b2c3"))).toBe("payments");
    expect(newBusNameOf("arn:aws-cn:events:cn-north-1:123456789012:event-busv2/orders/x9")).toBe("orders");
  });
  it("is undefined for a Classic bus, another resource or no ARN at all", () => {
    expect(newBusNameOf(busArn(scope, "payments"))).toBeUndefined();
    expect(newBusNameOf("arn:aws:events:us-east-1:123456789012:subscriber/payments/x")).toBeUndefined();
    expect(newBusNameOf("event-busv2/payments/x")).toBeUndefined();
  });
});
