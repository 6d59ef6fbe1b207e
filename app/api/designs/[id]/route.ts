import { deleteDesign, getDesign, updateDesign } from "@/lib/designs/repository";
import { errorResponse, readJsonBody } from "@/lib/errors";

interface Context {
  params: Promise<{ id: string }>;
}

export async function GET(_request: Request, context: Context) {
  try {
    const { id } = await context.params;
    return Response.json({ design: await getDesign(id) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PATCH(request: Request, context: Context) {
  try {
    const { id } = await context.params;
    return Response.json({ design: await updateDesign(id, await readJsonBody(request)) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, context: Context) {
  try {
    const { id } = await context.params;
    await deleteDesign(id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
