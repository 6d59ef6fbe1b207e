import { readJsonBody, route } from "@/lib/boundary";
import { deleteDesign, getDesign, updateDesign } from "@/lib/designs/repository";

interface Context {
  params: Promise<{ id: string }>;
}

export const GET = route(async (_request: Request, { params }: Context) => Response.json({ design: await getDesign((await params).id) }));

export const PATCH = route(async (request: Request, { params }: Context) => Response.json({ design: await updateDesign((await params).id, await readJsonBody(request)) }));

export const DELETE = route(async (_request: Request, { params }: Context) => {
  await deleteDesign((await params).id);
  return new Response(null, { status: 204 });
});
