/**
 * EventBridge Pipes' wire protocol (restJson1, SigV4 service `pipes`): `/v1/pipes…` and
 * `/tags/{resourceArn}`, routed and checked against AWS's model by protocol/rest-json.ts; the
 * access key id selects the account, as with EventBridge.
 */
import { AwsError } from "../protocol/errors";
import { answerRestJson, type RestJsonCall } from "../protocol/rest-json";
import { getBusRuntime, type BusRuntime } from "../runtime";
import { PIPES_MODEL } from "./model";
import { PIPES_OPERATIONS } from "./operations";

async function invoke(call: RestJsonCall, runtime: BusRuntime): Promise<Record<string, unknown>> {
  const operation = Object.hasOwn(PIPES_OPERATIONS, call.operation) ? PIPES_OPERATIONS[call.operation] : undefined;
  if (operation === undefined) throw new AwsError("UnknownOperationException", `Operation ${call.operation} is not supported.`);
  const scope = runtime.scopeFor(call.accessKeyId);
  // A pipe's bus target may be the account's default bus, which exists from the account's first call.
  await runtime.ensureAccount(scope);
  return operation(call.params, { scope, runtime });
}

export async function handlePipesRequest(request: Request, runtime?: BusRuntime): Promise<Response> {
  const served = runtime ?? (await getBusRuntime());
  return answerRestJson(PIPES_MODEL, request, (call) => invoke(call, served), served.config.signingKeys);
}
