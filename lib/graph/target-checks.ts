/**
 * Checks a rule target and a schedule's target share: the retry policy's ranges, the dead-letter
 * queue's and the role's ARN shapes. EventBridge's and Scheduler's APIs take the same ones:
 *   https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html
 *   https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html
 *   https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html
 */
import { RETRY_POLICY_LIMITS } from "../limits";
import type { Report } from "./problems";

const SQS_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[.\-_A-Za-z0-9]+$/;
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]+$/;


interface TargetSettings {
  readonly retryPolicy?: { readonly maximumEventAgeInSeconds: number; readonly maximumRetryAttempts: number };
  readonly deadLetterQueueArn?: string;
  readonly roleArn?: string;
}

export function checkTargetSettings(nodeId: string, target: TargetSettings, report: Report): void {
  if (target.retryPolicy !== undefined) {
    const age = target.retryPolicy.maximumEventAgeInSeconds;
    const { min: ageMin, max: ageMax } = RETRY_POLICY_LIMITS.maximumEventAgeInSeconds;
    if (age < ageMin || age > ageMax) {
      report({ code: "out-of-range", nodeId, field: "retryPolicy.maximumEventAgeInSeconds", message: `Maximum event age must be ${ageMin} to ${ageMax} seconds, not ${age}` });
    }
    const attempts = target.retryPolicy.maximumRetryAttempts;
    const { min: attemptsMin, max: attemptsMax } = RETRY_POLICY_LIMITS.maximumRetryAttempts;
    if (attempts < attemptsMin || attempts > attemptsMax) {
      report({ code: "out-of-range", nodeId, field: "retryPolicy.maximumRetryAttempts", message: `Maximum retry attempts must be ${attemptsMin} to ${attemptsMax}, not ${attempts}` });
    }
  }
  if (target.deadLetterQueueArn !== undefined && !SQS_ARN.test(target.deadLetterQueueArn)) {
    report({ code: "invalid-arn", nodeId, field: "deadLetterQueueArn", message: `A dead-letter queue is an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>), not "${target.deadLetterQueueArn}"` });
  }
  if (target.roleArn !== undefined && !ROLE_ARN.test(target.roleArn)) {
    report({ code: "invalid-arn", nodeId, field: "roleArn", message: `A role ARN looks like arn:aws:iam::<account>:role/<name>, not "${target.roleArn}"` });
  }
}
