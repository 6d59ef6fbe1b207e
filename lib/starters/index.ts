/**
 * The starter designs offered by "New from template": real event-driven systems, each a
 * complete design (nodes, edges, positions, sample events and the expectations of every rule).
 */
import type { Design } from "@/lib/graph";
import { answersAndReports } from "./answers-and-reports";
import { kafkaCrossAccount } from "./kafka-cross-account";
import { logNewProducts } from "./log-new-products";
import { nightlyReport } from "./nightly-report";
import { orderPipeline } from "./order-pipeline";
import { rewardBigPayments } from "./reward-big-payments";
import { tagNewDatabases } from "./tag-new-databases";

export interface Starter {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** A fresh copy each call, so a caller may change it. */
  readonly design: () => Design;
}

export const STARTERS: readonly Starter[] = [
  {
    id: "tag-new-databases",
    title: "Tag every new database",
    summary: "AWS service events through CloudTrail: RDS CreateDBInstance on the default bus invokes the autotag function.",
    design: tagNewDatabases,
  },
  {
    id: "log-new-products",
    title: "Log every new product",
    summary: "An application publishing its own events: POST /product → addProduct → add-product event → logProduct → DynamoDB.",
    design: logNewProducts,
  },
  {
    id: "reward-big-payments",
    title: "Reward big payments",
    summary: "A custom bus with a numeric filter and fan-out: payments over 200 earn rewards; warehouse and shipping get every payment.",
    design: rewardBigPayments,
  },
  {
    id: "answers-and-reports",
    title: "Two services talking through one bus",
    summary: "Request and reply without coupling: AnswerEvent → rating → ReportEvent → getReportEvent, a round trip that is not a loop.",
    design: answersAndReports,
  },
  {
    id: "kafka-cross-account",
    title: "Consume a Kafka topic from another account",
    summary: "Stream source, batching and filtering: an MSK topic in the producer account read by a Lambda event source mapping in the consumer account.",
    design: kafkaCrossAccount,
  },
  {
    id: "nightly-report",
    title: "Nightly report",
    summary: "EventBridge Scheduler: a cron schedule at 02:00 Europe/Berlin starts a Step Functions state machine; a one-time reminder, deleted after it fires, reaches the owners through a bus and SNS.",
    design: nightlyReport,
  },
  {
    id: "order-pipeline",
    title: "Order pipeline",
    summary: "EventBridge Pipes: an SQS orders queue → a pipe keeping paid orders, enriched by a customer lookup → a custom bus whose rules route big orders and all paid orders.",
    design: orderPipeline,
  },
];

export function findStarter(id: string): Starter | undefined {
  return STARTERS.find((starter) => starter.id === id);
}
