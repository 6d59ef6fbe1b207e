// STS GetCallerIdentity on the app's origin under `next dev` (next.config.ts rewrites `POST /`
// signed for the `sts` service here); `npm start` answers it in server.ts before Next.
import { getBusRuntime } from "@/lib/emulator/runtime";
import { handleStsRequest } from "@/lib/emulator/sts/protocol";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleStsRequest(request, await getBusRuntime());
}
