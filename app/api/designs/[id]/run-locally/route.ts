// "Run locally": deploys the saved design's buses, rules and targets to the local EventBridge and
// answers with what was created, the problems per node, and the hosts its API destinations will
// call with what the outbound policy says of each (see lib/run-locally/deploy-design.ts).
import { route } from "@/lib/boundary";
import { getDesign } from "@/lib/designs/repository";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { deployDesign } from "@/lib/run-locally/deploy-design";

export const POST = route(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const design = await getDesign((await params).id);
  return Response.json(await deployDesign(await getBusRuntime(), design.graph));
});
