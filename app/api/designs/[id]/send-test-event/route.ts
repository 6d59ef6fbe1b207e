// "Send test event": body `{ producerId, sampleId? }`; puts the producer's event (that sample of it) on the buses it feeds (after
// "Run locally") and answers with the path it took: matched rules and each target's delivery.
import { z } from "zod";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { sendTestEvent } from "@/lib/run-locally/test-event";
import { getDesign } from "@/lib/designs/repository";
import { errorResponse, readJsonBody } from "@/lib/errors";

const bodySchema = z.object({ producerId: z.string().min(1), sampleId: z.string().min(1).optional() });

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { producerId, sampleId } = bodySchema.parse(await readJsonBody(request));
    const design = await getDesign((await params).id);
    return Response.json({ paths: await sendTestEvent(await getBusRuntime(), design.graph, producerId, sampleId) });
  } catch (error) {
    return errorResponse(error);
  }
}
