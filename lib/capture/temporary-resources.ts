/**
 * The temporary resources a capture creates in the account, and their removal: an SQS queue, a
 * rule on the bus whose only target is that queue, and the queue policy that lets only that rule
 * send to it. Each is recorded as soon as it exists, so removal (newest first, each step on its
 * own) leaves nothing behind however far creation got.
 */
import { CancelReplayCommand, DeleteRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { describeAwsError, sendAws } from "../aws/errors";
import { busNameOf, type CaptureClients } from "./clients";

export interface CleanupReport {
  /** What was removed from the account (rule, target, queue), by name. */
  readonly removed: string[];
  /** What could not be removed: the user must delete these by hand. */
  readonly failed: { resource: string; message: string }[];
}

/** A unique name for the rule, replay and queue: `switchyard-capture-<time>-<random>` (≤ 64). */
export function newCaptureName(now = Date.now()): string {
  return `switchyard-capture-${now.toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}

const TARGET_ID = "switchyard-capture";

export class TemporaryResources {
  queueUrl?: string;
  queueArn?: string;
  ruleName?: string;
  ruleArn?: string;
  targetAdded?: boolean;
  /** The capture's replay, which cleanup cancels while it runs. */
  replayName?: string;
  replayRunning?: boolean;

  constructor(
    private readonly clients: CaptureClients,
    /** The name of the queue, the rule and the replay. */
    readonly name: string,
    readonly busArn: string,
  ) {}

  /** Queue, rule (pattern), queue policy for that rule, target: in this order, each recorded. */
  async create(pattern: string, calls: { endpoint?: string; abortSignal?: AbortSignal }, onStep: (message: string) => void): Promise<void> {
    onStep(`Creating the capture queue ${this.name}`);
    const queue = await sendAws(
      this.clients.sqs,
      new CreateQueueCommand({
        QueueName: this.name,
        Attributes: { MessageRetentionPeriod: "86400", VisibilityTimeout: "120" },
      }),
      calls,
    );
    this.queueUrl = queue.QueueUrl;
    const attributes = await sendAws(this.clients.sqs, new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }), calls);
    this.queueArn = attributes.Attributes?.QueueArn;
    if (!this.queueArn) throw new Error("The capture queue has no ARN (GetQueueAttributes answered without QueueArn).");

    onStep(`Creating the capture rule ${this.name} on ${busNameOf(this.busArn)}`);
    this.ruleName = this.name;
    const rule = await sendAws(
      this.clients.events,
      new PutRuleCommand({
        Name: this.name,
        EventBusName: busNameOf(this.busArn),
        EventPattern: pattern,
        State: "ENABLED",
        Description: "Temporary rule of a Switchyard capture; removed when the capture ends.",
      }),
      calls,
    );
    this.ruleArn = rule.RuleArn;
    // Only this rule may send to the queue (EventBridge's service principal, scoped by SourceArn).
    const policy = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SwitchyardCaptureRule",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: this.queueArn,
          Condition: { ArnEquals: { "aws:SourceArn": rule.RuleArn } },
        },
      ],
    };
    await sendAws(this.clients.sqs, new SetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, Attributes: { Policy: JSON.stringify(policy) } }), calls);
    const targets = await sendAws(
      this.clients.events,
      new PutTargetsCommand({ Rule: this.name, EventBusName: busNameOf(this.busArn), Targets: [{ Id: TARGET_ID, Arn: this.queueArn }] }),
      calls,
    );
    this.targetAdded = true;
    if ((targets.FailedEntryCount ?? 0) > 0) {
      const entry = targets.FailedEntries?.[0];
      throw new Error(`AWS did not add the capture target: ${entry?.ErrorCode ?? "error"} ${entry?.ErrorMessage ?? ""}`.trim());
    }
  }

  /**
   * Removes what was created, newest first, each step on its own so one failure does not leave
   * the rest behind. Runs without the cancel signal: cleanup must happen after a cancel too.
   */
  async cleanUp(): Promise<CleanupReport> {
    const removed: string[] = [];
    const failed: { resource: string; message: string }[] = [];
    const attempt = async (resource: string, work: () => Promise<unknown>, alreadyGone?: string) => {
      try {
        await work();
        removed.push(resource);
      } catch (error) {
        const described = describeAwsError(error);
        // Gone already (a replay that finished meanwhile): nothing is left behind.
        if (alreadyGone !== undefined && described.awsCode === alreadyGone) removed.push(resource);
        else failed.push({ resource, message: described.message });
      }
    };
    const opts = { endpoint: this.clients.endpoint };
    const { replayName, ruleName, queueUrl } = this;
    if (replayName && this.replayRunning) {
      // A replay cannot be deleted, only cancelled; a finished one just stays in the list.
      await attempt(
        `replay ${replayName} (cancel)`,
        () => sendAws(this.clients.events, new CancelReplayCommand({ ReplayName: replayName }), opts),
        "IllegalStatusException",
      );
    }
    if (this.targetAdded && ruleName) {
      await attempt(`target ${TARGET_ID} of rule ${ruleName}`, () =>
        sendAws(this.clients.events, new RemoveTargetsCommand({ Rule: ruleName, EventBusName: busNameOf(this.busArn), Ids: [TARGET_ID] }), opts),
      );
    }
    if (ruleName) {
      await attempt(`rule ${ruleName}`, () => sendAws(this.clients.events, new DeleteRuleCommand({ Name: ruleName, EventBusName: busNameOf(this.busArn) }), opts));
    }
    if (queueUrl) {
      await attempt(`queue ${this.name}`, () => sendAws(this.clients.sqs, new DeleteQueueCommand({ QueueUrl: queueUrl }), opts));
    }
    return { removed, failed };
  }
}
