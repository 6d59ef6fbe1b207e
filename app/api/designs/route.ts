import { createDesign, listDesigns } from "@/lib/designs/repository";
import { errorResponse, readJsonBody } from "@/lib/errors";

export async function GET() {
  try {
    return Response.json({ designs: await listDesigns() });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const design = await createDesign(await readJsonBody(request));
    return Response.json({ design }, { status: 201, headers: { Location: `/api/designs/${design.id}` } });
  } catch (error) {
    return errorResponse(error);
  }
}
