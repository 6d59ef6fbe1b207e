// GET /api/schemas[?source=aws|bundled]: the schema registries (AWS when configured, else bundled).
import { errorResponse } from "@/lib/errors";
import { listRegistries, resolveSource } from "./_registry";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const { source, connection } = await resolveSource(new URL(request.url).searchParams.get("source"));
    return Response.json({ source, awsConfigured: connection !== null, registries: await listRegistries(source, connection) });
  } catch (error) {
    return errorResponse(error);
  }
}
