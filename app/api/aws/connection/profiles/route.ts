// Profile names of the server's shared AWS config and credentials files (names only).
import { listAwsProfiles } from "@/lib/aws";
import { awsErrorResponse } from "@/lib/aws/errors";

export async function GET() {
  try {
    return Response.json({ profiles: await listAwsProfiles() });
  } catch (error) {
    return awsErrorResponse(error);
  }
}
