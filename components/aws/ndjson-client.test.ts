import { describe, expect, it } from "vitest";
import { errorMessageOf, readLines } from "./ndjson-client";

/** A response whose body arrives in the given chunks, split anywhere (even inside a line). */
function chunked(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body);
}

describe("readLines", () => {
  it("yields each JSON line once, whatever the chunk boundaries", async () => {
    const lines: unknown[] = [];
    await readLines(chunked(['{"type":"pro', 'gress","pages":1}\n{"type":"progress","pages":2}\n\n{"type":', '"done"}']), (line) => lines.push(line));
    expect(lines).toEqual([{ type: "progress", pages: 1 }, { type: "progress", pages: 2 }, { type: "done" }]);
  });
});

describe("errorMessageOf", () => {
  it("takes the server's message, or names the status", () => {
    expect(errorMessageOf('{"error":{"message":"AWS is not configured"}}', 422)).toBe("AWS is not configured");
    expect(errorMessageOf("<html>", 502)).toBe("Request failed with status 502");
  });
});
