// Profile names of the server's shared AWS config and credentials files (names only).
import { listAwsProfiles } from "@/lib/aws";
import { route } from "@/lib/boundary";

export const GET = route(async () => Response.json({ profiles: await listAwsProfiles() }));
