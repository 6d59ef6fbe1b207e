/**
 * A streamed answer of newline-delimited JSON: one object per line as work progresses, so the
 * browser can show progress (import) or each step (apply) while the request runs.
 */
import { ZodError } from "zod";
import { DomainError, fromZodError } from "@/lib/errors";
import { describeAwsError, isAwsError } from "./errors";

export type NdjsonSend = (line: object) => void;

export function ndjsonResponse(request: Request, work: (send: NdjsonSend, signal: AbortSignal) => Promise<void>): Response {
  const encoder = new TextEncoder();
  const aborted = new AbortController();
  request.signal.addEventListener("abort", () => aborted.abort());
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send: NdjsonSend = (line) => {
        if (!aborted.signal.aborted) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      try {
        await work(send, aborted.signal);
      } catch (error) {
        send(errorLine(error));
      }
      if (!aborted.signal.aborted) controller.close();
    },
    cancel() {
      aborted.abort();
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The last line of a failed stream: `{ type: "error", error: { code, message, … } }`, as errorResponse's body. */
export function errorLine(error: unknown): object {
  if (error instanceof ZodError) return errorLine(fromZodError(error, "request"));
  if (error instanceof DomainError) return { type: "error", error: { code: error.code, message: error.message, issues: error.issues } };
  if (isAwsError(error)) {
    const { code, message, awsCode, action } = describeAwsError(error);
    return { type: "error", error: { code, message, awsCode, action } };
  }
  console.error(error);
  return { type: "error", error: { code: "internal", message: "Internal server error" } };
}
