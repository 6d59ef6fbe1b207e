// Captures into Switchyard's archive: GET lists this server's capture jobs; POST starts one
// ({ kind: "archive", archiveName, busName?, from, to, consent: true } or
// { kind: "live", busName, pattern?, durationSeconds, consent: true }) and answers 202 with the
// job, whose progress GET /api/aws/capture/{id} reports. Without consent: 400.
import { captureJobs, ConsentRequiredError, startCapture } from "@/lib/capture/capture-jobs";
import { awsErrorResponse } from "@/lib/aws/errors";
import { readJsonBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ jobs: captureJobs() });
}

export async function POST(request: Request): Promise<Response> {
  try {
    const job = await startCapture(await readJsonBody(request));
    return Response.json({ job }, { status: 202 });
  } catch (error) {
    if (error instanceof ConsentRequiredError) {
      return Response.json({ error: { code: "consent_required", message: error.message, issues: error.issues } }, { status: 400 });
    }
    return awsErrorResponse(error);
  }
}
