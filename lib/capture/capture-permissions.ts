/** What a capture needs of the account (dependency-free, so the browser can show it too). */

/**
 * The IAM actions a capture calls (archive capture; live capture needs DescribeEventBus instead
 * of the replay actions). Resources are not tagged, so no tagging permission is needed: their
 * `switchyard-capture-` names say what they are.
 */
export const CAPTURE_PERMISSIONS = [
  "events:ListArchives",
  "events:DescribeArchive",
  "events:DescribeEventBus",
  "events:PutRule",
  "events:PutTargets",
  "events:RemoveTargets",
  "events:DeleteRule",
  "events:StartReplay",
  "events:DescribeReplay",
  "events:CancelReplay",
  "sqs:CreateQueue",
  "sqs:GetQueueAttributes",
  "sqs:SetQueueAttributes",
  "sqs:ReceiveMessage",
  "sqs:DeleteMessage",
  "sqs:DeleteQueue",
] as const;
