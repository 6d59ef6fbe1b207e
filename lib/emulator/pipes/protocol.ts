/**
 * EventBridge Pipes' wire protocol (restJson1, SigV4 service `pipes`): `/v1/pipes…` and
 * `/tags/{resourceArn}`, routed and checked against AWS's model by protocol/rest-json.ts; the
 * access key id selects the account, as with EventBridge.
 */
import { Params } from "../protocol/params";
import { answerRestJson, operationNamed, type RestJsonCall } from "../protocol/rest-json";
import { checkInput } from "../protocol/shapes";
import type { BusRuntime } from "../runtime";
import { PIPES_MODEL } from "./model";
import { PIPES_OPERATIONS, type PipesContext } from "./operations";

async function invoke(call: RestJsonCall, runtime: BusRuntime): Promise<Record<string, unknown>> {
  const operation = operationNamed(PIPES_OPERATIONS, call.operation);
  // A pipe's bus target may be the account's default bus, which exists from the account's first call.
  return operation(call.params, { scope: await runtime.readyScopeFor(call.accessKeyId), runtime });
}

export function handlePipesRequest(request: Request, runtime: BusRuntime): Promise<Response> {
  return answerRestJson(PIPES_MODEL, request, (call) => invoke(call, runtime), runtime.config.signingKeys);
}

/**
 * Runs one operation as the wire protocol does (the input checked against AWS's model first), so
 * "Run locally" meets AWS's validation too. `input` holds the members by name, path labels included.
 */
export function invokePipesOperation(name: string, input: Record<string, unknown>, context: PipesContext): Promise<Record<string, unknown>> {
  const operation = operationNamed(PIPES_OPERATIONS, name);
  const params = Params.of(input);
  checkInput(PIPES_MODEL, name, params.verbatim());
  return operation(params, context);
}
