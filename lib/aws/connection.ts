/**
 * The AWS connection the server uses. Credentials never pass through here: the SDK's default
 * provider chain (environment, shared config and profiles, SSO, container or instance roles)
 * resolves them on the server, optionally for a named profile.
 */
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";

export interface AwsConnectionSettings {
  region: string;
  /** A profile of the shared config files; absent = the default chain. */
  profile?: string;
  /** An endpoint override: Switchyard's local EventBridge, or a VPC endpoint. */
  endpoint?: string;
}

/** The configured connection, or null when AWS is not configured on this server. */
export async function currentAwsConnection(): Promise<AwsConnectionSettings | null> {
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) return null;
  return { region, profile: process.env.AWS_PROFILE, endpoint: process.env.SWITCHYARD_AWS_ENDPOINT };
}

export function eventBridgeClientFor(connection: AwsConnectionSettings): EventBridgeClient {
  return new EventBridgeClient({
    region: connection.region,
    endpoint: connection.endpoint,
    credentials: fromNodeProviderChain(connection.profile ? { profile: connection.profile } : {}),
  });
}
