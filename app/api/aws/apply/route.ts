// Apply: POST { designId, deleteUnmanaged?, fingerprint? } plans afresh (refusing with a conflict
// when the fresh plan's fingerprint is not the confirmed one) and runs the changes, streaming NDJSON:
//   { "type": "plan", "plan": … }, then { "type": "step", "index", "change", "ok", "error"? } per change,
//   then { "type": "done", "applied": n, "failed": step | null, "notApplied": [changes] }   or   { "type": "error", "error" }.
import { applyDesign, ndjsonResponse, parsePlanRequest } from "@/lib/aws";
import { readJsonBody } from "@/lib/errors";

export async function POST(request: Request) {
  return ndjsonResponse(request, async (send, signal) => {
    const planRequest = parsePlanRequest(await readJsonBody(request));
    const result = await applyDesign(
      planRequest,
      { onPlan: (plan) => send({ type: "plan", plan }), onStep: (step) => send({ type: "step", ...step }) },
      signal,
    );
    send({ type: "done", applied: result.applied.length, failed: result.failed ?? null, notApplied: result.notApplied });
  });
}
