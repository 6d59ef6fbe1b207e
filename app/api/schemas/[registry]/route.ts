// GET /api/schemas/{registry}?q=keywords[&source=aws|bundled]: the registry's schemas, searched.
import { errorResponse } from "@/lib/errors";
import { listSchemas, resolveSource } from "../_registry";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ registry: string }> }): Promise<Response> {
  try {
    const { registry } = await params;
    const query = new URL(request.url).searchParams;
    const { source, connection } = await resolveSource(query.get("source"));
    return Response.json({ source, registry, schemas: await listSchemas(source, connection, registry, query.get("q") ?? "") });
  } catch (error) {
    return errorResponse(error);
  }
}
