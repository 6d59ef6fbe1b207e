// "Send test event": body `{ producerId, sampleId? }`; puts the producer's event (that sample of it) on the buses it feeds (after
// "Run locally") and answers with the path it took: matched rules and each target's delivery.
import { z } from "zod";
import { readJsonBody, route } from "@/lib/boundary";
import { getDesign } from "@/lib/designs/repository";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { sendTestEvent } from "@/lib/run-locally/test-event";

const bodySchema = z.object({ producerId: z.string().min(1), sampleId: z.string().min(1).optional() });

export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { producerId, sampleId } = bodySchema.parse(await readJsonBody(request));
  const design = await getDesign((await params).id);
  return Response.json({ paths: await sendTestEvent(await getBusRuntime(), design.graph, producerId, sampleId) });
});
