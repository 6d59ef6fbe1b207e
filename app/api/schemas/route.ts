// GET /api/schemas[?source=aws|bundled]: the schema registries (AWS when configured, else bundled).
import { listRegistries, resolveSource } from "@/lib/aws/schema-registry";
import { route } from "@/lib/boundary";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const { source, connection } = await resolveSource(new URL(request.url).searchParams.get("source"));
  return Response.json({ source, awsConfigured: connection !== null, registries: await listRegistries(source, connection) });
});
