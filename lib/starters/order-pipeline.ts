/**
 * Starter: an order pipeline. The shop sends every order to the SQS queue `orders`; a pipe keeps
 * the paid ones (`status` = "PAID" in the message body), asks the CRM for the customer (an API
 * destination enrichment) and puts the enriched order on the custom bus `orders`, where one rule
 * sends big orders to an SNS topic and another every paid order to the fulfilment queue.
 */
import { DEFAULT_RETRY_POLICY, type Design } from "@/lib/graph";
import { at, design, envelope, sample, verdicts } from "./build";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;

/** Only paid orders go on: the filter reads the SQS message's body, parsed as JSON. */
export const PAID_FILTER = { body: { status: ["PAID"] } };
export const ORDER_SOURCE = "com.example.orders";
export const ORDER_PAID = "Order Paid";

/** An order message as the pipe reads it from the queue (Lambda's SQS record shape). */
function orderMessage(messageId: string, sentAt: number, order: { orderId: string; customerId: string; status: string; total: number }): string {
  const body = JSON.stringify(order);
  return JSON.stringify(
    {
      messageId,
      receiptHandle: `AQEB${messageId.replaceAll("-", "")}`,
      body,
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(sentAt), SenderId: "AIDAEXAMPLESHOP", ApproximateFirstReceiveTimestamp: String(sentAt + 12) },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: QUEUE_ARN,
      awsRegion: REGION,
    },
    null,
    2,
  );
}

/** An enriched order as the pipe puts it on the bus. */
function paidOrderEvent(id: string, time: string, orderId: string, total: number, tier: string): string {
  return envelope({
    id,
    source: ORDER_SOURCE,
    detailType: ORDER_PAID,
    account: ACCOUNT,
    region: REGION,
    time,
    resources: [],
    detail: { orderId, total, customer: { id: "c-42", name: "Jane Doe", tier } },
  });
}

export function orderPipeline(): Design {
  const target = { crossAccount: false, input: { type: "matched-event" }, retryPolicy: { ...DEFAULT_RETRY_POLICY } } as const;
  return design({
    name: "Order pipeline",
    description:
      "The shop sends every order to the SQS queue orders. The pipe paid-orders keeps the paid ones, looks their customer up in the CRM (API destination customer-lookup) and puts the enriched order on the bus orders: big orders go to the big-orders topic, every paid order to the fulfilment queue.",
    nodes: [
      {
        id: "orders-queue",
        kind: "sqs-queue-source",
        position: at(0, 1),
        reader: "pipe",
        batchSize: 10,
        filterCriteria: [JSON.stringify(PAID_FILTER, null, 2)],
        expectations: [...verdicts(["order-paid"], "match"), ...verdicts(["order-pending"], "no-match")],
        queueName: "orders",
        notes: "The shop's checkout sends each order here as JSON: {orderId, customerId, status, total}.",
      },
      {
        id: "paid-orders-pipe",
        kind: "pipe",
        position: at(1, 1),
        name: "paid-orders",
        description: "Paid orders, with their customer, onto the orders bus",
        desiredState: "RUNNING",
        enrichment: {
          type: "api-destination",
          name: "customer-lookup",
          endpoint: "https://crm.example.com/customers/lookup",
          method: "POST",
          connection: { name: "crm", authorization: "API_KEY" },
        },
        enrichmentInputTemplate: '{"orderId": "<$.body.orderId>", "customerId": "<$.body.customerId>", "total": <$.body.total>}',
        targetInputTemplate: '{"orderId": "<$.orderId>", "total": <$.total>, "customer": <$.customer>}',
        busEvent: { source: ORDER_SOURCE, detailType: ORDER_PAID },
        notes: "The CRM answers {orderId, total, customer: {id, name, tier}}: that answer is what the target input template reads.",
      },
      { id: "orders-bus", kind: "event-bus", position: at(2, 1), busType: "classic", variant: "custom", name: "orders" },
      {
        id: "big-orders-rule",
        kind: "rule",
        position: at(3, 0),
        name: "big-paid-orders",
        description: "Paid orders of 500 or more",
        enabled: true,
        trigger: { type: "pattern", pattern: JSON.stringify({ source: [ORDER_SOURCE], "detail-type": [ORDER_PAID], detail: { total: [{ numeric: [">=", 500] }] } }, null, 2) },
        expectations: [...verdicts(["bus-big-order"], "match"), ...verdicts(["bus-small-order", "bus-refund"], "no-match")],
      },
      {
        id: "paid-orders-rule",
        kind: "rule",
        position: at(3, 2),
        name: "all-paid-orders",
        description: "Every paid order, for fulfilment",
        enabled: true,
        trigger: { type: "pattern", pattern: JSON.stringify({ source: [ORDER_SOURCE], "detail-type": [ORDER_PAID] }, null, 2) },
        expectations: [...verdicts(["bus-big-order", "bus-small-order"], "match"), ...verdicts(["bus-refund"], "no-match")],
      },
      { id: "big-orders-topic", kind: "sns", position: at(4, 0), topicName: "big-orders", ...target },
      { id: "fulfilment-queue", kind: "sqs", position: at(4, 2), queueName: "fulfilment", ...target },
    ],
    links: [
      ["orders-queue", "paid-orders-pipe"],
      ["paid-orders-pipe", "orders-bus"],
      ["orders-bus", "big-orders-rule"],
      ["orders-bus", "paid-orders-rule"],
      ["big-orders-rule", "big-orders-topic"],
      ["paid-orders-rule", "fulfilment-queue"],
    ],
    samples: [
      sample("order-paid", "Paid order o-1001 (980.00)", "orders-queue", orderMessage("7b3f2c1e-0d6a-4f1e-9a51-6b0c9e2d1a01", 1772445000123, { orderId: "o-1001", customerId: "c-42", status: "PAID", total: 980 })),
      sample("order-pending", "Pending order o-1002", "orders-queue", orderMessage("7b3f2c1e-0d6a-4f1e-9a51-6b0c9e2d1a02", 1772445001456, { orderId: "o-1002", customerId: "c-43", status: "PENDING", total: 45 })),
      sample("bus-big-order", "Enriched paid order of 980 on the bus", undefined, paidOrderEvent("5d1c1f0a-3f7e-4b8e-8f0e-2a9d7c6b5e41", "2026-03-02T10:30:00Z", "o-1001", 980, "gold")),
      sample("bus-small-order", "Enriched paid order of 45 on the bus", undefined, paidOrderEvent("5d1c1f0a-3f7e-4b8e-8f0e-2a9d7c6b5e42", "2026-03-02T10:31:00Z", "o-1003", 45, "silver")),
      sample(
        "bus-refund",
        "A refund on the bus (not a paid order)",
        undefined,
        envelope({ id: "5d1c1f0a-3f7e-4b8e-8f0e-2a9d7c6b5e43", source: ORDER_SOURCE, detailType: "Order Refunded", account: ACCOUNT, region: REGION, time: "2026-03-02T10:32:00Z", detail: { orderId: "o-0999", total: 120 } }),
      ),
    ],
  });
}
