// The AWS connection settings (region, profile, endpoint override). Never credentials: the SDK's
// provider chain finds them on the server at call time.
import { clearAwsConnection, describeAwsConnection, listAwsProfiles, newBusClientMissing, saveAwsConnection } from "@/lib/aws";
import { readJsonBody, route } from "@/lib/boundary";

export const GET = route(async () => {
  const current = await describeAwsConnection();
  // Whether import and push can reach the Custom Event Bus, and why not.
  const missing = newBusClientMissing();
  const newBus = missing === undefined ? { available: true } : { available: false, reason: missing };
  return Response.json({ settings: current?.settings ?? null, source: current?.source ?? null, profiles: await listAwsProfiles(), newBus });
});

export const PUT = route(async (request: Request) => Response.json({ settings: await saveAwsConnection(await readJsonBody(request)), source: "saved" }));

export const DELETE = route(async () => {
  await clearAwsConnection();
  const current = await describeAwsConnection();
  return Response.json({ settings: current?.settings ?? null, source: current?.source ?? null });
});
