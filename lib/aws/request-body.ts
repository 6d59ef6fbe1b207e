/** A JSON request body that may be absent (empty = `{}`); text that is not JSON is the caller's mistake. */
import { ValidationError } from "@/lib/errors";

export async function readOptionalJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ValidationError(`Request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
