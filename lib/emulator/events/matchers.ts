/**
 * One `RuleMachine` per bus, holding the bus's enabled rules with event patterns. Loaded from the
 * database on first use in a process and kept current by the rule operations, so matching never
 * reads the rules table.
 */
import { RuleMachine } from "../../pattern";
import type { Db } from "../../db";
import { parseArn } from "../../arn";

export class BusMatchers {
  private readonly machines = new Map<string, Promise<RuleMachine>>();

  constructor(private readonly db: Db) {}

  machineFor(busArn: string): Promise<RuleMachine> {
    let machine = this.machines.get(busArn);
    if (machine === undefined) {
      machine = this.load(busArn);
      this.machines.set(busArn, machine);
      machine.catch(() => this.machines.delete(busArn));
    }
    return machine;
  }

  /** Installs, replaces or removes (pattern `null`) a rule in its bus's machine, if loaded. */
  async ruleChanged(busArn: string, ruleName: string, activePattern: string | null): Promise<void> {
    const machine = this.machines.get(busArn);
    if (machine === undefined) return;
    const loaded = await machine;
    if (activePattern === null) loaded.removeRule(ruleName);
    else loaded.addRule(ruleName, activePattern);
  }

  busDeleted(busArn: string): void {
    this.machines.delete(busArn);
  }

  private async load(busArn: string): Promise<RuleMachine> {
    const arn = parseArn(busArn);
    const busName = arn?.resource.slice("event-bus/".length) ?? "";
    const rules = await this.db.busRule.findMany({
      where: { account: arn?.account ?? "", busName, state: "ENABLED", eventPattern: { not: null } },
      select: { name: true, eventPattern: true },
    });
    const machine = new RuleMachine();
    for (const rule of rules) {
      if (rule.eventPattern !== null) machine.addRule(rule.name, rule.eventPattern);
    }
    return machine;
  }
}
