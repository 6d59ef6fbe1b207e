/**
 * The targets of each rule, read from the database and parsed once, with what delivering to them
 * needs worked out (kind, retry limits, input), and kept until PutTargets, RemoveTargets or a
 * deletion changes them: neither matching events nor delivering them queries the targets table
 * or reads a stored target again.
 */
import type { Db } from "../../db";
import { parseArn } from "../../arn";
import type { TargetInputSpec } from "../../transform";
import { deliveryKind, inputSpec, retryLimits, type DeliveryKind, type TargetSpec } from "./target-spec";

export interface RuleTarget {
  readonly ruleArn: string;
  readonly ruleName: string;
  /** The AWS `Target` as PutTargets stored it. */
  readonly spec: TargetSpec;
  readonly kind: DeliveryKind;
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
  readonly input: TargetInputSpec;
  /** A target that is an SQS queue (delivered into the local queue of that ARN, if there is one). */
  readonly isQueue: boolean;
}

function planned(ruleArn: string, spec: TargetSpec): RuleTarget {
  const limits = retryLimits(spec);
  return {
    ruleArn,
    ruleName: ruleArn.slice(ruleArn.lastIndexOf("/") + 1),
    spec,
    kind: deliveryKind(spec.Arn),
    maxAttempts: limits.maxAttempts,
    maxAgeMs: limits.maxAgeMs,
    input: inputSpec(spec),
    isQueue: parseArn(spec.Arn)?.service === "sqs",
  };
}

export class RuleTargets {
  private readonly byRule = new Map<string, Promise<RuleTarget[]>>();

  constructor(private readonly db: Db) {}

  async of(ruleArns: readonly string[]): Promise<RuleTarget[]> {
    if (ruleArns.length === 1) return this.load(ruleArns[0]);
    const lists = await Promise.all(ruleArns.map((arn) => this.load(arn)));
    return lists.flat();
  }

  /** One target of a rule, if the rule still has it. */
  async find(ruleArn: string, targetId: string): Promise<TargetSpec | undefined> {
    return (await this.load(ruleArn)).find((target) => target.spec.Id === targetId)?.spec;
  }

  /** Forgets a rule's targets; the next event that matches it reads them again. */
  changed(ruleArn: string): void {
    this.byRule.delete(ruleArn);
  }

  private load(ruleArn: string): Promise<RuleTarget[]> {
    let targets = this.byRule.get(ruleArn);
    if (targets === undefined) {
      targets = this.db.busTarget
        .findMany({ where: { ruleArn }, orderBy: { targetId: "asc" }, select: { spec: true } })
        .then((rows) => rows.map((row) => planned(ruleArn, JSON.parse(row.spec) as TargetSpec)));
      this.byRule.set(ruleArn, targets);
      targets.catch(() => this.byRule.delete(ruleArn));
    }
    return targets;
  }
}
