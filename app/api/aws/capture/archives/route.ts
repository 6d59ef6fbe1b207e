// The connected account's archives (name, bus, state, event count and size), to choose one to capture.
import { route } from "@/lib/boundary";
import { listArchives } from "@/lib/capture/capture-jobs";

export const dynamic = "force-dynamic";

export const GET = route(async () => Response.json({ archives: await listArchives() }));
