// Exports a selection of stored events as JSON Lines: body `{ ids }`.
import { exportJsonLines, selectionSchema } from "@/lib/explorer/index";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { errorResponse, readJsonBody } from "@/lib/errors";

export async function POST(request: Request): Promise<Response> {
  try {
    const { ids } = selectionSchema.parse(await readJsonBody(request));
    const lines = await exportJsonLines((await getBusRuntime()).db, ids);
    return new Response(lines, {
      headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": 'attachment; filename="events.jsonl"' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
