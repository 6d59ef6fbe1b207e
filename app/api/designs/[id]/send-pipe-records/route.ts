// "Send test records" to a source a pipe reads: body `{ sourceId }`; puts the source's sample records where the
// pipe reads them (after "Run locally") and answers with the source and the pipes reading it.
import { z } from "zod";
import { readJsonBody, route } from "@/lib/boundary";
import { getDesign } from "@/lib/designs/repository";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { sendPipeRecords } from "@/lib/run-locally/pipe-records";

const bodySchema = z.object({ sourceId: z.string().min(1) });

export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { sourceId } = bodySchema.parse(await readJsonBody(request));
  const design = await getDesign((await params).id);
  return Response.json(sendPipeRecords(await getBusRuntime(), design.graph, sourceId));
});
