// The Schemas API (restJson1) at the app's origin, over the bundled schemas: `@aws-sdk/client-schemas`
// pointed at this app calls GET /v1/registries/... (see lib/emulator/schemas/http.ts).
import { routeSchemasRequest } from "@/lib/emulator/schemas/http";

export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  return routeSchemasRequest(new URL(request.url));
}
