// The plan of a saved design against the account: POST { designId, deleteUnmanaged? } → { plan }
// (lib/aws/plan.ts Plan plus `fingerprint`, which apply takes to run exactly the plan reviewed).
import { parsePlanRequest, planDesign } from "@/lib/aws";
import { readJsonBody, route } from "@/lib/boundary";

export const POST = route(async (request: Request) => Response.json({ plan: await planDesign(parsePlanRequest(await readJsonBody(request)), request.signal) }));
