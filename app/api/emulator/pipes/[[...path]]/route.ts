// EventBridge Pipes (restJson1) on the app's origin under `next dev`: next.config.ts rewrites
// `/v1/pipes…` and pipes-signed `/tags/…` here; `npm start` answers them in server.ts before Next.
import { handlePipesRequest } from "@/lib/emulator/pipes/protocol";
import { getBusRuntime } from "@/lib/emulator/runtime";

export const dynamic = "force-dynamic";

const PREFIX = "/api/emulator/pipes";

/** The request as the client sent it: its path without this route's prefix. */
async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname.startsWith(PREFIX)) url.pathname = url.pathname.slice(PREFIX.length);
  const body = request.method === "GET" || request.method === "DELETE" ? undefined : await request.arrayBuffer();
  return handlePipesRequest(new Request(url, { method: request.method, headers: request.headers, body }), await getBusRuntime());
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE };
