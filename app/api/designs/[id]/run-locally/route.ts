// "Run locally": deploys the saved design's buses, rules and targets to the local EventBridge and
// answers with what was created and the problems per node (see lib/run-locally/deploy-design.ts).
import { deployDesign } from "@/lib/run-locally/deploy-design";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { getDesign } from "@/lib/designs/repository";
import { errorResponse } from "@/lib/errors";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const design = await getDesign((await params).id);
    return Response.json(await deployDesign(await getBusRuntime(), design.graph));
  } catch (error) {
    return errorResponse(error);
  }
}
