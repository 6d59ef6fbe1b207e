// STS GetCallerIdentity on the app's origin under `next dev` (next.config.ts rewrites `POST /`
// signed for the `sts` service here); `npm start` answers it in server.ts before Next.
import { getBusRuntime } from "@/lib/bus/runtime";
import { handleStsRequest } from "@/lib/bus/sts";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleStsRequest(request, await getBusRuntime());
}
