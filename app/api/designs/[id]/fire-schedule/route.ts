// "Fire now": body `{ ruleId }` fires that schedule rule of the design (after "Run locally") at once and answers with the
// path its Scheduled Event took: the rule and each target's delivery. Body `{ scheduleId }` fires that EventBridge
// Scheduler schedule's target at once and answers with the invocation: what the target received.
import { z } from "zod";
import { readJsonBody, route } from "@/lib/boundary";
import { getDesign } from "@/lib/designs/repository";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { fireSchedulerSchedule } from "@/lib/run-locally/deploy-schedules";
import { fireScheduleRule } from "@/lib/run-locally/test-event";

const bodySchema = z.union([z.strictObject({ ruleId: z.string().min(1) }), z.strictObject({ scheduleId: z.string().min(1) })]);

export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const body = bodySchema.parse(await readJsonBody(request));
  const design = await getDesign((await params).id);
  if ("scheduleId" in body) return Response.json({ invocation: await fireSchedulerSchedule(await getBusRuntime(), design.graph, body.scheduleId) });
  return Response.json({ path: await fireScheduleRule(await getBusRuntime(), design.graph, body.ruleId) });
});
