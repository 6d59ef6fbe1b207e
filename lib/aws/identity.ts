/** "Test connection": who the configured credentials are (STS GetCallerIdentity). */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { stsClientFor, type AwsConnectionSettings } from "./connection";
import { sendAws } from "./errors";

export interface AwsIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId?: string;
}

export async function testAwsConnection(connection: AwsConnectionSettings): Promise<AwsIdentity> {
  const client = stsClientFor(connection);
  try {
    const answer = await sendAws(client, new GetCallerIdentityCommand({}), { endpoint: connection.endpoint });
    return { account: answer.Account ?? "", arn: answer.Arn ?? "", ...(answer.UserId ? { userId: answer.UserId } : {}) };
  } finally {
    client.destroy();
  }
}
