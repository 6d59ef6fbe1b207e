// Cancels a running capture: it cancels its replay and removes its rule and queue, then ends "cancelled".
import { cancelCaptureJob } from "@/lib/capture/capture-jobs";
import { errorResponse } from "@/lib/errors";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    return Response.json({ job: cancelCaptureJob((await params).id) });
  } catch (error) {
    return errorResponse(error);
  }
}
