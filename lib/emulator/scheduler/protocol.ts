/**
 * EventBridge Scheduler on the local endpoint, in the protocol `@aws-sdk/client-scheduler` and
 * `aws scheduler` speak (restJson1, lib/emulator/protocol/rest-json.ts): routes, errors and input
 * checks from AWS's model (model.ts), the operations from operations.ts. The access key id
 * selects the account, as for EventBridge.
 */
import { answerRestJson, operationNamed, type RestJsonCall } from "../protocol/rest-json";
import type { BusRuntime } from "../runtime";
import { SCHEDULER_MODEL } from "./model";
import { SCHEDULER_OPERATIONS } from "./operations";

export function handleSchedulerRequest(request: Request, runtime: BusRuntime): Promise<Response> {
  return answerRestJson(SCHEDULER_MODEL, request, (call) => invokeScheduler(runtime, call), runtime.config.signingKeys);
}

/** Runs one Scheduler operation whose input has passed the model check. */
export async function invokeScheduler(runtime: BusRuntime, call: RestJsonCall): Promise<Record<string, unknown>> {
  const operation = operationNamed(SCHEDULER_OPERATIONS, call.operation);
  const scope = await runtime.readyScopeFor(call.accessKeyId);
  return operation(call.params, { scope, db: runtime.db, clock: runtime.clock, scheduleChanged: (arn) => runtime.scheduler.scheduleChanged(arn) });
}
