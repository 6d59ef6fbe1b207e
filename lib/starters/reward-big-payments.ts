/** Starter 3: a custom bus with a numeric filter and fan-out to rewards, warehouse and shipping. */
import type { Design } from "@/lib/graph";
import { at, design, envelope, verdicts, lambda, rule, sample } from "./build";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const PAYMENT = { source: ["demo.payments"], "detail-type": ["Payment Processed"] };

function payment(id: string, time: string, totalCost: number | string, customerId: string, items: unknown[]): string {
  return envelope({
    id,
    source: "demo.payments",
    detailType: "Payment Processed",
    account: ACCOUNT,
    region: REGION,
    time,
    detail: {
      total_cost: totalCost,
      customer_id: customerId,
      address: { street: "410 Terry Ave N", city: "Seattle", state: "WA", zip: "98109", country: "US" },
      items,
    },
  });
}

export function rewardBigPayments(): Design {
  const all = ["big-payment", "small-payment", "string-total"];
  return design({
    name: "Reward big payments",
    description: "The payment service puts Payment Processed events on eda_bus; payments over 200 earn rewards, and warehouse and shipping receive every payment in parallel.",
    nodes: [
      lambda("payment", at(0, 1), "payment", "The payment service: after a payment succeeds it calls PutEvents on eda_bus (source demo.payments, detail-type Payment Processed, detail {total_cost, customer_id, address, items}). Its role needs events:PutEvents on eda_bus."),
      { id: "eda-bus", kind: "event-bus", position: at(1, 1), busType: "classic", variant: "custom", name: "eda_bus" },
      rule("payment-processed", at(2, 0), {
        name: "payment-processed",
        description: "Payments over 200 earn rewards",
        pattern: { ...PAYMENT, detail: { total_cost: [{ numeric: [">", 200] }] } },
        expectations: [...verdicts(["big-payment"], "match"), ...verdicts(["small-payment", "string-total"], "no-match")],
      }),
      rule("warehouse-rule", at(2, 1), {
        name: "warehouse-payment-processed",
        description: "The warehouse picks every paid order",
        pattern: PAYMENT,
        expectations: verdicts(all, "match"),
      }),
      rule("shipping-rule", at(2, 2), {
        name: "shipping-payment-processed",
        description: "Shipping schedules every paid order",
        pattern: PAYMENT,
        expectations: verdicts(all, "match"),
      }),
      lambda("rewards", at(3, 0), "rewards", "Adds reward points for the customer. The export grants events.amazonaws.com lambda:InvokeFunction for rule payment-processed on eda_bus."),
      lambda("warehouse", at(3, 1), "warehouse"),
      lambda("shipping", at(3, 2), "shipping"),
    ],
    links: [
      ["payment", "eda-bus"],
      ["eda-bus", "payment-processed"],
      ["eda-bus", "warehouse-rule"],
      ["eda-bus", "shipping-rule"],
      ["payment-processed", "rewards"],
      ["warehouse-rule", "warehouse"],
      ["shipping-rule", "shipping"],
    ],
    samples: [
      sample(
        "big-payment",
        "Payment Processed, total 242.58",
        "payment",
        payment("5b2c8e1d-4f6a-4b3c-9d7e-8a1b2c3d4e31", "2026-03-02T12:30:00Z", 242.58, "cust-4711", [
          { sku: "BOOK-001", name: "Event-driven architecture", quantity: 2, price: 99.99 },
          { sku: "MUG-042", name: "Coffee mug", quantity: 1, price: 42.6 },
        ]),
      ),
      sample(
        "small-payment",
        "Payment Processed, total 150",
        "payment",
        payment("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c32", "2026-03-02T12:31:15Z", 150, "cust-0815", [{ sku: "HEADSET-7", name: "Headset", quantity: 1, price: 150 }]),
      ),
      sample(
        "string-total",
        "Payment Processed, total as the string \"242.58\"",
        "payment",
        payment("1f2e3d4c-5b6a-4978-8695-a4b3c2d1e033", "2026-03-02T12:32:40Z", "242.58", "cust-4711", [
          { sku: "BOOK-001", name: "Event-driven architecture", quantity: 2, price: 99.99 },
          { sku: "MUG-042", name: "Coffee mug", quantity: 1, price: 42.6 },
        ]),
      ),
    ],
  });
}
