// Import: POST { bus?, prefix?, name? } (all optional) streams NDJSON progress while the account
// is read, then the saved design's summary:
//   { "type": "progress", "phase", "buses", "rules", "targets", "pages" } …
//   { "type": "done", "design": { id, name, description, version, createdAt, updatedAt }, "warnings": [ … ] }
//   or { "type": "error", "error": { code, message } }
import { importAccount, ndjsonResponse, parseImportRequest } from "@/lib/aws";
import { readJsonBody, route } from "@/lib/boundary";

export const POST = route(async (request: Request) => {
  const importRequest = parseImportRequest(await readJsonBody(request, { optional: true }));
  return ndjsonResponse(request, async (send, signal) => {
    const outcome = await importAccount(importRequest, (progress) => send({ type: "progress", ...progress }), signal);
    const { id, name, description, version, createdAt, updatedAt } = outcome.design;
    send({ type: "done", design: { id, name, description, version, createdAt, updatedAt }, warnings: outcome.warnings });
  });
});
