// The connected account's archives (name, bus, state, event count and size), to choose one to capture.
import { listArchives } from "@/lib/capture/capture-jobs";
import { awsErrorResponse } from "@/lib/aws/errors";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return Response.json({ archives: await listArchives() });
  } catch (error) {
    return awsErrorResponse(error);
  }
}
