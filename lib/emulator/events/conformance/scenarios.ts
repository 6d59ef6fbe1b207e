/**
 * A conformance scenario: steps against the local EventBridge, each an operation call with what
 * AWS answers (output members, or the error's code and message), taken from the page `doc` of
 * AWS's documentation. A step's input may use what earlier steps answered (`as`).
 */
import { afterAll, beforeAll, expect } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "../../test-endpoint";
import type { BotocoreModel } from "../../protocol/botocore";
import { sdkCaller, type AwsCli, type Caller, type Outcome } from "./clients";

export type Saved = Record<string, Record<string, unknown>>;

export interface Step {
  readonly call: string;
  readonly input?: Record<string, unknown> | ((saved: Saved) => Record<string, unknown>);
  /** The calling account (a 12-digit access key id); the default account otherwise. */
  readonly account?: string;
  /** Only prepares state: the CLI runner sends it through the SDK, to keep CLI calls few. */
  readonly setup?: boolean;
  /** Keeps the output for later steps' inputs. */
  readonly as?: string;
  /** Output members that must match (normalized: every `…Time` member reads "<time>"). */
  readonly output?: Record<string, unknown>;
  /** Output members that must be absent (dotted paths reach into structures). */
  readonly absent?: readonly string[];
  readonly error?: { readonly code: string; readonly message?: string | RegExp };
  /** Waits before the call (a state that changes with time). */
  readonly waitMs?: number;
}

export interface Scenario {
  readonly title: string;
  /** The AWS documentation page the expectations come from. */
  readonly doc: string;
  readonly steps: readonly Step[];
}

function inputOf(step: Step, saved: Saved): Record<string, unknown> {
  return typeof step.input === "function" ? step.input(saved) : (step.input ?? {});
}

function check(step: Step, outcome: Outcome, expected: Record<string, unknown> | undefined): void {
  const label = `${step.call} ${JSON.stringify(outcome)}`;
  if (step.error !== undefined) {
    expect(outcome.ok, label).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code, label).toBe(step.error.code);
    if (typeof step.error.message === "string") expect(outcome.message, label).toBe(step.error.message);
    else if (step.error.message !== undefined) expect(outcome.message, label).toMatch(step.error.message);
    return;
  }
  expect(outcome.ok ? "ok" : `${outcome.code}: ${outcome.message}`, label).toBe("ok");
  if (!outcome.ok) return;
  if (expected !== undefined) expect(outcome.output, label).toMatchObject(expected);
  for (const member of step.absent ?? []) expect(outcome.output, label).not.toHaveProperty(member.split("."));
}

/**
 * Runs the steps through `caller`; `setupCaller` takes the setup steps. `outputFilter` narrows an
 * expected output to what the caller can show (an older CLI's model drops newer members).
 */
export async function runScenario(
  scenario: Scenario,
  caller: Caller,
  setupCaller: Caller = caller,
  outputFilter: (operation: string, expected: Record<string, unknown>) => Record<string, unknown> = (_, expected) => expected,
): Promise<void> {
  const saved: Saved = {};
  for (const step of scenario.steps) {
    if (step.waitMs !== undefined) await new Promise((resolve) => setTimeout(resolve, step.waitMs));
    const input = inputOf(step, saved);
    const outcome = await (step.setup === true ? setupCaller : caller).call(step.call, input, step.account);
    check(step, outcome, step.output === undefined ? undefined : outputFilter(step.call, step.output));
    if (step.as !== undefined && outcome.ok) saved[step.as] = outcome.output;
  }
}

/**
 * What of a scenario an AWS CLI cannot send, its model being older than the API: an operation it
 * does not know, or an input member its model lacks (it would drop the member silently).
 */
export function unsupportedBy(cli: AwsCli, scenario: Scenario): string | undefined {
  for (const step of scenario.steps) {
    if (step.setup === true) continue;
    const operation = cli.model.operations[step.call];
    if (operation === undefined) return `${cli.version} has no ${step.call}`;
    const unknown = unknownMember(cli.model, operation.input?.shape, typeof step.input === "function" ? undefined : step.input);
    if (unknown !== undefined) return `${cli.version} does not know ${step.call}.${unknown}`;
  }
  return undefined;
}

function unknownMember(model: BotocoreModel, shapeName: string | undefined, value: unknown): string | undefined {
  if (shapeName === undefined || value === null || typeof value !== "object" || value instanceof Date) return undefined;
  const shape = model.shapes[shapeName];
  if (Array.isArray(value)) {
    for (const item of value) {
      const unknown = unknownMember(model, shape.member?.shape, item);
      if (unknown !== undefined) return unknown;
    }
    return undefined;
  }
  if (shape.type !== "structure") return undefined;
  for (const [member, item] of Object.entries(value)) {
    const ref = shape.members?.[member];
    if (ref === undefined) return member;
    const unknown = unknownMember(model, ref.shape, item);
    if (unknown !== undefined) return `${member}.${unknown}`;
  }
  return undefined;
}

/** The expected output members a CLI's model has (an older model drops newer members). */
export function outputFilterFor(model: BotocoreModel): (operation: string, expected: Record<string, unknown>) => Record<string, unknown> {
  const narrow = (shapeName: string | undefined, value: unknown): unknown => {
    const shape = shapeName === undefined ? undefined : model.shapes[shapeName];
    if (shape === undefined || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((item) => narrow(shape.member?.shape, item));
    if (shape.type !== "structure" || Object.getPrototypeOf(value) !== Object.prototype) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([member]) => shape.members?.[member] !== undefined)
        .map(([member, item]) => [member, narrow(shape.members?.[member]?.shape, item)]),
    );
  };
  return (operation, expected) => narrow(model.operations[operation]?.output?.shape, expected) as Record<string, unknown>;
}

/** A fresh local endpoint, and an SDK caller on it, for the tests of the enclosing `describe` (or file). */
export function localEndpoint(): { readonly endpoint: () => TestEndpoint; readonly sdk: () => Caller } {
  let endpoint: TestEndpoint | undefined;
  let sdk: ReturnType<typeof sdkCaller> | undefined;
  beforeAll(async () => {
    endpoint = await startTestEndpoint();
    sdk = sdkCaller(endpoint.url);
  });
  afterAll(async () => {
    sdk?.destroy();
    await endpoint?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The local endpoint is not started yet (use it inside a test).");
    return value;
  };
  return { endpoint: () => started(endpoint), sdk: () => started(sdk) };
}
