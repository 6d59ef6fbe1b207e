// SQS's JSON protocol on the app's origin under `next dev` (next.config.ts rewrites `POST /` with
// `X-Amz-Target: AmazonSQS.*` here); `npm start` answers these in server.ts before Next.
import { handleSqsRequest } from "@/lib/emulator/sqs/protocol";
import { getBusRuntime } from "@/lib/emulator/runtime";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleSqsRequest(request, await getBusRuntime());
}
