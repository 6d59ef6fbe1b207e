/**
 * One AWS call, with its failure rethrown as an `AwsCallError` that names the service and
 * operation (so an access-denied message can name the missing IAM action). Typed by the
 * closure, so each call keeps its command's own output type.
 */
import { AwsCallError, type AwsCallContext } from "./errors";

export async function awsCall<T>(context: AwsCallContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AwsCallError) throw error;
    throw new AwsCallError(error, context);
  }
}
