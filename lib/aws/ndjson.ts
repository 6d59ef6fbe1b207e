/**
 * A streamed answer of newline-delimited JSON: one object per line as work progresses, so the
 * browser can show progress (import) or each step (apply) while the request runs. A failure is
 * the last line, `{ type: "error", error }`, with the body errorResponse would answer.
 */
import { errorBody } from "@/lib/errors";

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
        send({ type: "error", error: errorBody(error).body });
      }
      if (!aborted.signal.aborted) controller.close();
    },
    cancel() {
      aborted.abort();
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
}
