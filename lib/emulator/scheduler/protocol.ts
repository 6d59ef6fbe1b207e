/**
 * EventBridge Scheduler on the local endpoint, in the protocol `@aws-sdk/client-scheduler` and
 * `aws scheduler` speak (restJson1, lib/emulator/protocol/rest-json.ts): routes, errors and input
 * checks from AWS's model (model.ts), the operations from operations.ts. The access key id
 * selects the account, as for EventBridge.
 */
import type { Scope } from "../../arn";
import { Params } from "../protocol/params";
import { answerRestJson, operationNamed, type RestJsonCall } from "../protocol/rest-json";
import { checkInput } from "../protocol/shapes";
import type { BusRuntime } from "../runtime";
import { SCHEDULER_MODEL } from "./model";
import { SCHEDULER_OPERATIONS, type SchedulerContext } from "./operations";

export function handleSchedulerRequest(request: Request, runtime: BusRuntime): Promise<Response> {
  return answerRestJson(SCHEDULER_MODEL, request, (call) => invokeScheduler(runtime, call), runtime.config.signingKeys);
}

/** Runs one Scheduler operation whose input has passed the model check. */
export async function invokeScheduler(runtime: BusRuntime, call: RestJsonCall): Promise<Record<string, unknown>> {
  const operation = operationNamed(SCHEDULER_OPERATIONS, call.operation);
  return operation(call.params, contextIn(runtime, await runtime.readyScopeFor(call.accessKeyId)));
}

/** Runs one Scheduler operation in `scope` from within the app ("Run locally"), its input checked against AWS's model as on the wire. */
export async function invokeSchedulerIn(runtime: BusRuntime, scope: Scope, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const run = operationNamed(SCHEDULER_OPERATIONS, operation);
  checkInput(SCHEDULER_MODEL, operation, input);
  await runtime.ensureAccount(scope);
  return run(Params.of(input), contextIn(runtime, scope));
}

function contextIn(runtime: BusRuntime, scope: Scope): SchedulerContext {
  return { scope, db: runtime.db, clock: runtime.clock, scheduleChanged: (arn) => runtime.scheduler.scheduleChanged(arn) };
}
