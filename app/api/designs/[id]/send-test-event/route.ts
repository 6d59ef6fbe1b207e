// "Send test event": body `{ producerId }`; puts the producer's event on the buses it feeds (after
// "Run locally") and answers with the path it took: matched rules and each target's delivery.
import { z } from "zod";
import { getBusRuntime } from "@/lib/bus/runtime";
import { sendTestEvent } from "@/lib/bus/test-event";
import { getDesign } from "@/lib/designs/repository";
import { errorResponse, readJsonBody } from "@/lib/errors";

const bodySchema = z.object({ producerId: z.string().min(1) });

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { producerId } = bodySchema.parse(await readJsonBody(request));
    const design = await getDesign((await params).id);
    return Response.json({ paths: await sendTestEvent(await getBusRuntime(), design.graph, producerId) });
  } catch (error) {
    return errorResponse(error);
  }
}
