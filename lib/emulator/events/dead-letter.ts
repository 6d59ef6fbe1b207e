/**
 * A target's dead-letter queue as EventBridge fills it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html): the event as it
 * reached the bus, with the message attributes RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE,
 * EXHAUSTED_RETRY_CONDITION (only when a retry limit ran out) and RETRY_ATTEMPTS. The queue is
 * the local SQS queue of the DeadLetterConfig ARN; without one the event is dropped, as on AWS.
 */
import type { LocalQueues, MessageAttributeValue } from "../sqs/queues";

/** The ERROR_CODE values the local bus can give (a subset of AWS's list). */
export type DeliveryErrorCode = "CONNECTION_FAILURE" | "ERROR_FROM_TARGET" | "NO_RESOURCE" | "THROTTLING" | "TIMEOUT" | "UNKNOWN";

export type ExhaustedRetryCondition = "MaximumRetryAttempts" | "MaximumEventAgeInSeconds";

export interface DeadLetter {
  readonly ruleArn: string;
  readonly targetArn: string;
  /** The event's JSON text. */
  readonly event: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly exhausted?: ExhaustedRetryCondition;
  /** Attempts after the first. */
  readonly retryAttempts: number;
}

/** Who the local queue sees as the sender (EventBridge's service principal on AWS). */
const SENDER_ID = "AIDAEVENTBRIDGELOCAL";

const text = (value: string): MessageAttributeValue => ({ DataType: "String", StringValue: value });

/** Puts `letter` on the queue `queueArn` names; answers what became of it, for the delivery record. */
export function sendToDeadLetterQueue(queues: LocalQueues | undefined, queueArn: string | undefined, letter: DeadLetter): string {
  if (queueArn === undefined) return "No dead-letter queue: the event is dropped, as AWS drops it.";
  const queue = queues?.byArn(queueArn);
  if (queue === undefined) return `The dead-letter queue ${queueArn} does not exist on the local endpoint: the event is dropped.`;
  const attributes: Record<string, MessageAttributeValue> = {
    RULE_ARN: text(letter.ruleArn),
    TARGET_ARN: text(letter.targetArn),
    ERROR_CODE: text(letter.errorCode),
    ERROR_MESSAGE: text(letter.errorMessage),
    ...(letter.exhausted === undefined ? {} : { EXHAUSTED_RETRY_CONDITION: text(letter.exhausted) }),
    RETRY_ATTEMPTS: text(String(letter.retryAttempts)),
  };
  try {
    queue.send(letter.event, { attributes, senderId: SENDER_ID });
    return `Sent to the dead-letter queue ${queueArn}.`;
  } catch (error) {
    return `The dead-letter queue ${queueArn} refused the event (${(error as Error).message}): it is dropped.`;
  }
}
