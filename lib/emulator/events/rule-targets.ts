/**
 * The targets of each rule, read from the database and parsed once, and kept until PutTargets,
 * RemoveTargets or a deletion changes them, so neither matching events nor delivering them
 * queries the targets table or parses a stored target again.
 */
import type { Db } from "../../db";
import type { TargetSpec } from "./target-spec";

export interface RuleTarget {
  readonly ruleArn: string;
  /** The AWS `Target` as PutTargets stored it. */
  readonly spec: TargetSpec;
}

export class RuleTargets {
  private readonly byRule = new Map<string, Promise<RuleTarget[]>>();

  constructor(private readonly db: Db) {}

  async of(ruleArns: readonly string[]): Promise<RuleTarget[]> {
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
        .findMany({ where: { ruleArn }, orderBy: { targetId: "asc" }, select: { ruleArn: true, spec: true } })
        .then((rows) => rows.map((row) => ({ ruleArn: row.ruleArn, spec: JSON.parse(row.spec) as TargetSpec })));
      this.byRule.set(ruleArn, targets);
      targets.catch(() => this.byRule.delete(ruleArn));
    }
    return targets;
  }
}
