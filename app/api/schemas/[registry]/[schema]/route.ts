// GET /api/schemas/{registry}/{schema}[?source=aws|bundled]: the schema's content (DescribeSchema).
import { describeSchema, resolveSource } from "@/lib/aws/schema-registry";
import { route } from "@/lib/boundary";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request, { params }: { params: Promise<{ registry: string; schema: string }> }) => {
  const { registry, schema } = await params;
  const { source, connection } = await resolveSource(new URL(request.url).searchParams.get("source"));
  return Response.json({ source, ...(await describeSchema(source, connection, registry, schema)) });
});
