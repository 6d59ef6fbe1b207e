/** "Test connection": who the configured credentials are (STS GetCallerIdentity). */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { stsClientFor, type AwsConnectionSettings } from "./connection";
import { awsCall } from "./call";

export interface AwsIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId?: string;
}

export async function testAwsConnection(connection: AwsConnectionSettings): Promise<AwsIdentity> {
  const client = stsClientFor(connection);
  try {
    const answer = await awsCall({ service: "sts", operation: "GetCallerIdentity", endpoint: connection.endpoint }, () =>
      client.send(new GetCallerIdentityCommand({})),
    );
    return { account: answer.Account ?? "", arn: answer.Arn ?? "", ...(answer.UserId ? { userId: answer.UserId } : {}) };
  } finally {
    client.destroy();
  }
}
