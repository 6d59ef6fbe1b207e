// The AWS connection settings (region, profile, endpoint override). Never credentials: the SDK's
// provider chain finds them on the server at call time.
import { clearAwsConnection, describeAwsConnection, listAwsProfiles, saveAwsConnection } from "@/lib/aws";
import { awsErrorResponse } from "@/lib/aws/errors";
import { readJsonBody } from "@/lib/errors";

export async function GET() {
  try {
    const current = await describeAwsConnection();
    return Response.json({ settings: current?.settings ?? null, source: current?.source ?? null, profiles: await listAwsProfiles() });
  } catch (error) {
    return awsErrorResponse(error);
  }
}

export async function PUT(request: Request) {
  try {
    return Response.json({ settings: await saveAwsConnection(await readJsonBody(request)), source: "saved" });
  } catch (error) {
    return awsErrorResponse(error);
  }
}

export async function DELETE() {
  try {
    await clearAwsConnection();
    const current = await describeAwsConnection();
    return Response.json({ settings: current?.settings ?? null, source: current?.source ?? null });
  } catch (error) {
    return awsErrorResponse(error);
  }
}
