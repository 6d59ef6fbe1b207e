// One capture job: status, progress, result or error (poll while it runs).
import { captureJob } from "@/lib/capture/capture-jobs";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    return Response.json({ job: captureJob((await params).id) });
  } catch (error) {
    return errorResponse(error);
  }
}
