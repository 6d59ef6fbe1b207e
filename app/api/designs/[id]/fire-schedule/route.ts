// "Fire now": body `{ ruleId }`; fires that schedule rule of the design (after "Run locally") at once and answers with the
// path its Scheduled Event took: the rule and each target's delivery.
import { z } from "zod";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { fireScheduleRule } from "@/lib/run-locally/test-event";
import { getDesign } from "@/lib/designs/repository";
import { errorResponse, readJsonBody } from "@/lib/errors";

const bodySchema = z.object({ ruleId: z.string().min(1) });

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { ruleId } = bodySchema.parse(await readJsonBody(request));
    const design = await getDesign((await params).id);
    return Response.json({ path: await fireScheduleRule(await getBusRuntime(), design.graph, ruleId) });
  } catch (error) {
    return errorResponse(error);
  }
}
