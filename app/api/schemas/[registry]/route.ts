// GET /api/schemas/{registry}?q=keywords[&source=aws|bundled]: the registry's schemas, searched.
import { listSchemas, resolveSource } from "@/lib/aws/schema-registry";
import { route } from "@/lib/boundary";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request, { params }: { params: Promise<{ registry: string }> }) => {
  const { registry } = await params;
  const query = new URL(request.url).searchParams;
  const { source, connection } = await resolveSource(query.get("source"));
  return Response.json({ source, registry, schemas: await listSchemas(source, connection, registry, query.get("q") ?? "") });
});
