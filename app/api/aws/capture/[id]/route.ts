// One capture job: status, progress, result or error (poll while it runs).
import { route } from "@/lib/boundary";
import { captureJob } from "@/lib/capture/capture-jobs";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => Response.json({ job: captureJob((await params).id) }));
