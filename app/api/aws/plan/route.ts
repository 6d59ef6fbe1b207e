// The plan of a saved design against the account: POST { designId, deleteUnmanaged? } → { plan }
// (lib/aws/plan.ts Plan plus `fingerprint`, which apply takes to run exactly the plan confirmed).
import { parsePlanRequest, planDesign } from "@/lib/aws";
import { awsErrorResponse } from "@/lib/aws/errors";
import { readJsonBody } from "@/lib/errors";

export async function POST(request: Request) {
  try {
    return Response.json({ plan: await planDesign(parsePlanRequest(await readJsonBody(request)), request.signal) });
  } catch (error) {
    return awsErrorResponse(error);
  }
}
