// One stored event with the rules it matched and its deliveries.
import { eventDetail } from "@/lib/explorer/index";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const runtime = await getBusRuntime();
    return Response.json(await eventDetail(runtime.db, (await params).id));
  } catch (error) {
    return errorResponse(error);
  }
}
