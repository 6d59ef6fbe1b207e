// Cancels a running capture: it cancels its replay and removes its rule and queue, then ends "cancelled".
import { route } from "@/lib/boundary";
import { cancelCaptureJob } from "@/lib/capture/capture-jobs";

export const POST = route(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => Response.json({ job: cancelCaptureJob((await params).id) }));
