// Exports a selection of stored events as JSON Lines: body `{ ids }`.
import { readJsonBody, route } from "@/lib/boundary";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { exportJsonLines, selectionSchema } from "@/lib/explorer/index";

export const POST = route(async (request: Request) => {
  const { ids } = selectionSchema.parse(await readJsonBody(request));
  const lines = await exportJsonLines((await getBusRuntime()).db, ids);
  return new Response(lines, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": 'attachment; filename="events.jsonl"' },
  });
});
