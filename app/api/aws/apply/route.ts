// Apply: POST { designId, fingerprint, deleteUnmanaged? } plans afresh, refuses with a conflict
// when the fresh plan's fingerprint is not the one the user reviewed (so nothing runs, untagged
// resources are not deleted, without a reviewed plan), and runs the changes, streaming NDJSON:
//   { "type": "plan", "plan": … }, then { "type": "step", "index", "change", "ok", "error"? } per change,
//   then { "type": "new-bus-step", … } per Custom Event Bus change (lib/aws/new-bus.ts),
//   then { "type": "done", "applied": n, "failed": step | null, "notApplied": [changes], "newBus": { applied, failed, notApplied } | null }
//   or   { "type": "error", "error" }.
import { applyDesign, ndjsonResponse, parseApplyRequest } from "@/lib/aws";
import { readJsonBody, route } from "@/lib/boundary";

export const POST = route(async (request: Request) => {
  const applyRequest = parseApplyRequest(await readJsonBody(request));
  return ndjsonResponse(request, async (send, signal) => {
    const result = await applyDesign(
      applyRequest,
      { onPlan: (plan) => send({ type: "plan", plan }), onStep: (step) => send({ type: "step", ...step }), onNewBusStep: (step) => send({ type: "new-bus-step", ...step }) },
      signal,
    );
    const newBus = result.newBus && { applied: result.newBus.applied.length, failed: result.newBus.failed ?? null, notApplied: result.newBus.notApplied };
    send({ type: "done", applied: result.applied.length, failed: result.failed ?? null, notApplied: result.notApplied, newBus: newBus ?? null });
  });
});
