// What capturing an archive's window would cost: { archiveName, from, to } → the estimate with its cost text.
import { estimate } from "@/lib/capture/capture-jobs";
import { awsErrorResponse } from "@/lib/aws/errors";
import { readJsonBody } from "@/lib/errors";

export async function POST(request: Request): Promise<Response> {
  try {
    return Response.json(await estimate(await readJsonBody(request)));
  } catch (error) {
    return awsErrorResponse(error);
  }
}
