/**
 * The app's route handlers, wrapped once: whatever a handler throws becomes the one error
 * response (lib/errors), and a JSON body is read one way. The boundary has already checked the
 * body's size and type (inbound.ts) before a handler runs.
 */
import { errorResponse, ValidationError } from "../errors";

/** Wraps a route handler (`export const POST = route(async (request: Request, { params }: Context) => …)`), keeping its parameters. */
export function route<Args extends unknown[]>(handler: (...args: Args) => Response | Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Deeper JSON is refused before anything walks it: no request of the app's nests a tenth as deep. */
export const MAX_JSON_DEPTH = 256;

function depthProblem(text: string): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return `Request body nests deeper than ${MAX_JSON_DEPTH} levels`;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/**
 * Reads a JSON request body. An empty body is an error, or `{}` when the route's body is
 * `optional`; text that is not JSON is the caller's mistake, never a 500.
 */
export async function readJsonBody(request: Request, options: { optional?: boolean } = {}): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") {
    if (options.optional) return {};
    throw new ValidationError("Request body is empty; expected a JSON object");
  }
  const tooDeep = depthProblem(text);
  if (tooDeep !== undefined) throw new ValidationError(tooDeep);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ValidationError(`Request body is not valid JSON: ${reason}`);
  }
}
