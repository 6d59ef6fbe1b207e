// Replays a selection of stored events onto their buses: body `{ ids, replayName }`.
import { z } from "zod";
import { selectionSchema } from "@/lib/explorer/index";
import { replaySelection } from "@/lib/emulator/events/replay-selection";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { errorResponse, readJsonBody } from "@/lib/errors";

const bodySchema = selectionSchema.extend({ replayName: z.string().regex(/^[.\-_A-Za-z0-9]{1,64}$/) });

export async function POST(request: Request): Promise<Response> {
  try {
    const { ids, replayName } = bodySchema.parse(await readJsonBody(request));
    const replayed = await replaySelection(await getBusRuntime(), ids, replayName);
    return Response.json({ replayed });
  } catch (error) {
    return errorResponse(error);
  }
}
