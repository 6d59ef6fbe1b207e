/**
 * The targets of each rule, read from the database once and kept until PutTargets, RemoveTargets
 * or a deletion changes them, so matching events does not query the targets table.
 */
import type { Db } from "../../db";

export interface RuleTarget {
  readonly ruleArn: string;
  /** The AWS `Target` JSON as PutTargets stored it. */
  readonly spec: string;
}

export class RuleTargets {
  private readonly byRule = new Map<string, Promise<RuleTarget[]>>();

  constructor(private readonly db: Db) {}

  async of(ruleArns: readonly string[]): Promise<RuleTarget[]> {
    const lists = await Promise.all(ruleArns.map((arn) => this.load(arn)));
    return lists.flat();
  }

  /** Forgets a rule's targets; the next event that matches it reads them again. */
  changed(ruleArn: string): void {
    this.byRule.delete(ruleArn);
  }

  private load(ruleArn: string): Promise<RuleTarget[]> {
    let targets = this.byRule.get(ruleArn);
    if (targets === undefined) {
      targets = this.db.busTarget.findMany({ where: { ruleArn }, orderBy: { targetId: "asc" }, select: { ruleArn: true, spec: true } });
      this.byRule.set(ruleArn, targets);
      targets.catch(() => this.byRule.delete(ruleArn));
    }
    return targets;
  }
}
