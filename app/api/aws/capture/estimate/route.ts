// What capturing an archive's window would cost: { archiveName, from, to } → the estimate with its cost text.
import { readJsonBody, route } from "@/lib/boundary";
import { estimate } from "@/lib/capture/capture-jobs";

export const POST = route(async (request: Request) => Response.json(await estimate(await readJsonBody(request))));
