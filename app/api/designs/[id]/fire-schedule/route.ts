// "Fire now": body `{ ruleId }`; fires that schedule rule of the design (after "Run locally") at once and answers with the
// path its Scheduled Event took: the rule and each target's delivery.
import { z } from "zod";
import { readJsonBody, route } from "@/lib/boundary";
import { getDesign } from "@/lib/designs/repository";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { fireScheduleRule } from "@/lib/run-locally/test-event";

const bodySchema = z.object({ ruleId: z.string().min(1) });

export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { ruleId } = bodySchema.parse(await readJsonBody(request));
  const design = await getDesign((await params).id);
  return Response.json({ path: await fireScheduleRule(await getBusRuntime(), design.graph, ruleId) });
});
