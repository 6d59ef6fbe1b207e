// EventBridge's awsJson1.1 endpoint. Clients call `POST /` with `X-Amz-Target: AWSEvents.*`;
// next.config.ts rewrites those requests here (the page at / keeps every other request).
import { handleEventsRequest } from "@/lib/emulator/events/protocol";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleEventsRequest(request);
}
