// GET /api/schemas/{registry}/{schema}[?source=aws|bundled]: the schema's content (DescribeSchema).
import { errorResponse } from "@/lib/errors";
import { describeSchema, resolveSource } from "../../_registry";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ registry: string; schema: string }> }): Promise<Response> {
  try {
    const { registry, schema } = await params;
    const { source, connection } = await resolveSource(new URL(request.url).searchParams.get("source"));
    return Response.json({ source, ...(await describeSchema(source, connection, registry, schema)) });
  } catch (error) {
    return errorResponse(error);
  }
}
