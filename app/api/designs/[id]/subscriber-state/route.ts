// Pause or resume a design's subscriber on the local endpoint: body `{ nodeId, state: "RUNNING" | "STOPPED" }`;
// answers `{ state, released }` (the backlog delivered on resume).
import { z } from "zod";
import { readJsonBody, route } from "@/lib/boundary";
import { getDesign } from "@/lib/designs/repository";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { setDesignSubscriberState } from "@/lib/run-locally/subscriber-state";

const bodySchema = z.object({ nodeId: z.string().min(1), state: z.enum(["RUNNING", "STOPPED"]) });

export const POST = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { nodeId, state } = bodySchema.parse(await readJsonBody(request));
  const design = await getDesign((await params).id);
  return Response.json(await setDesignSubscriberState(await getBusRuntime(), design.graph, nodeId, state));
});
