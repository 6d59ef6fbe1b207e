// The Events page's pipe runs: each batch through a pipe with its steps, newest first (see lib/explorer).
import { route } from "@/lib/boundary";
import { getBusRuntime } from "@/lib/emulator/runtime";
import { queryPipeRuns } from "@/lib/explorer/index";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const runtime = await getBusRuntime();
  return Response.json(await queryPipeRuns(runtime.db, { pipeArn: params.get("pipe") || undefined, cursor: params.get("cursor") || undefined }));
});
