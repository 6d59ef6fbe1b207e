// Captures into Switchyard's archive: GET lists this server's capture jobs; POST starts one
// ({ kind: "archive", archiveName, busName?, from, to, consent: true } or
// { kind: "live", busName, pattern?, durationSeconds, consent: true }) and answers 202 with the
// job, whose progress GET /api/aws/capture/{id} reports. Without consent: 400 consent_required.
import { readJsonBody, route } from "@/lib/boundary";
import { captureJobs, startCapture } from "@/lib/capture/capture-jobs";

export const dynamic = "force-dynamic";

export const GET = route(() => Response.json({ jobs: captureJobs() }));

export const POST = route(async (request: Request) => Response.json({ job: await startCapture(await readJsonBody(request)) }, { status: 202 }));
