// "Test connection": STS GetCallerIdentity with the saved settings, or with the unsaved ones in
// the body ({ region, profile?, endpoint? }, held to the same endpoint rules as saved ones),
// answering { account, arn, userId? }.
import { currentAwsConnection, parseAwsConnectionSettings, testAwsConnection } from "@/lib/aws";
import { readJsonBody, route } from "@/lib/boundary";
import { ValidationError } from "@/lib/errors";

export const POST = route(async (request: Request) => {
  const body = await readJsonBody(request, { optional: true });
  const unsaved = typeof body === "object" && body !== null && Object.keys(body).length > 0;
  const settings = unsaved ? parseAwsConnectionSettings(body) : await currentAwsConnection();
  if (settings === null) throw new ValidationError("AWS is not configured: choose a region first");
  return Response.json(await testAwsConnection(settings));
});
