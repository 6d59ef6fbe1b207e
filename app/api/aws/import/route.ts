// Import: POST { bus?, prefix?, name? } (all optional) streams NDJSON progress while the account
// is read, then the saved design's summary:
//   { "type": "progress", "phase", "buses", "rules", "targets", "pages" } …
//   { "type": "done", "design": { id, name, description, version, createdAt, updatedAt }, "warnings": [ … ] }
//   or { "type": "error", "error": { code, message } }
import { importAccount, ndjsonResponse, parseImportRequest, readOptionalJsonBody } from "@/lib/aws";

export async function POST(request: Request) {
  return ndjsonResponse(request, async (send, signal) => {
    const importRequest = parseImportRequest(await readOptionalJsonBody(request));
    const outcome = await importAccount(importRequest, (progress) => send({ type: "progress", ...progress }), signal);
    const { id, name, description, version, createdAt, updatedAt } = outcome.design;
    send({ type: "done", design: { id, name, description, version, createdAt, updatedAt }, warnings: outcome.warnings });
  });
}
