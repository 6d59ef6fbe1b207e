import { readJsonBody, route } from "@/lib/boundary";
import { createDesign, listDesigns } from "@/lib/designs/repository";

export const GET = route(async () => Response.json({ designs: await listDesigns() }));

export const POST = route(async (request: Request) => {
  const design = await createDesign(await readJsonBody(request));
  return Response.json({ design }, { status: 201, headers: { Location: `/api/designs/${design.id}` } });
});
