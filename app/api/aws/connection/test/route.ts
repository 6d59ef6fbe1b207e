// "Test connection": STS GetCallerIdentity with the saved settings, or with the unsaved ones in
// the body ({ region, profile?, endpoint? }), answering { account, arn, userId? }.
import { currentAwsConnection, parseAwsConnectionSettings, readOptionalJsonBody, testAwsConnection } from "@/lib/aws";
import { awsErrorResponse } from "@/lib/aws/errors";
import { ValidationError } from "@/lib/errors";

export async function POST(request: Request) {
  try {
    const body = await readOptionalJsonBody(request);
    const unsaved = typeof body === "object" && body !== null && Object.keys(body).length > 0;
    const settings = unsaved ? parseAwsConnectionSettings(body) : await currentAwsConnection();
    if (settings === null) throw new ValidationError("AWS is not configured: choose a region first");
    return Response.json(await testAwsConnection(settings));
  } catch (error) {
    return awsErrorResponse(error);
  }
}
