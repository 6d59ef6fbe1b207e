// Replays a selection of stored events onto their buses: body `{ ids, replayName }`.
import { z } from "zod";
import { readJsonBody, route } from "@/lib/boundary";
import { replaySelection } from "@/lib/emulator/events/replay-selection";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { selectionSchema } from "@/lib/explorer/index";

const bodySchema = selectionSchema.extend({ replayName: z.string().regex(/^[.\-_A-Za-z0-9]{1,64}$/) });

export const POST = route(async (request: Request) => {
  const { ids, replayName } = bodySchema.parse(await readJsonBody(request));
  return Response.json({ replayed: await replaySelection(await getBusRuntime(), ids, replayName) });
});
