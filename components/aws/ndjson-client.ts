/**
 * Reads a streamed answer of newline-delimited JSON (lib/aws/ndjson.ts) line by line as it
 * arrives, so import progress and apply steps show while the request runs. A refused request
 * (a JSON error body, not a stream) becomes an Error with the server's message, as in requestJson.
 */
export async function streamNdjson(url: string, body: unknown, onLine: (line: unknown) => void, signal?: AbortSignal): Promise<void> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
  if (!response.ok) throw new Error(errorMessageOf(await response.text(), response.status));
  await readLines(response, onLine);
}

/** The server's `{ error: { message } }`, or a generic sentence with the status. */
export function errorMessageOf(text: string, status: number): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    if (body.error?.message !== undefined) return String(body.error.message);
  } catch {
    // not JSON: fall through
  }
  return `Request failed with status ${status}`;
}

/** Calls `onLine` with each JSON line of the body, in order, as the lines arrive. */
export async function readLines(response: Response, onLine: (line: unknown) => void): Promise<void> {
  if (response.body === null) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line !== "") onLine(JSON.parse(line));
      newline = buffered.indexOf("\n");
    }
  }
  if (buffered.trim() !== "") onLine(JSON.parse(buffered));
}
