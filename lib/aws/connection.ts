/**
 * The AWS connection the server uses. Credentials never pass through here: the SDK's default
 * provider chain (environment, shared config and profiles, SSO, container or instance roles)
 * resolves them on the server, optionally for a named profile, at call time.
 *
 * The settings (region, profile, endpoint override) are kept in the database (one row); without
 * a saved row the environment (`AWS_REGION` / `AWS_DEFAULT_REGION`, `AWS_PROFILE`,
 * `SWITCHYARD_AWS_ENDPOINT`) is used.
 */
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { PipesClient } from "@aws-sdk/client-pipes";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SchemasClient } from "@aws-sdk/client-schemas";
import { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { z } from "zod";
import { addressRefusal, boundarySettings, defaultPort, guardedAgents, ipLiteralOf, isHostAllowed, type HostRule } from "@/lib/boundary";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { fromZodError } from "@/lib/errors";

export interface AwsConnectionSettings {
  region: string;
  /** A profile of the shared config files; absent = the default chain. */
  profile?: string;
  /** An endpoint override: Switchyard's local EventBridge, or a VPC endpoint. */
  endpoint?: string;
}

/** Where the settings in use come from: saved in Switchyard, or the server's environment. */
export type AwsConnectionSource = "saved" | "environment";

const SETTINGS_ID = "default";

/** What PUT /api/aws/connection accepts: exactly these fields, no room for a secret. */
export const awsConnectionInput = z.strictObject({
  region: z
    .string({ error: "region must be a string" })
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "region must look like us-east-1"),
  profile: z
    .string({ error: "profile must be a string" })
    .trim()
    .max(128, "profile must be at most 128 characters")
    .regex(/^[^\s\]\[]*$/, "profile must not contain spaces or brackets")
    .optional()
    .transform((value) => (value === "" ? undefined : value)),
  endpoint: z
    .string({ error: "endpoint must be a string" })
    .trim()
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || endpointProblem(value) === undefined, {
      error: (issue) => endpointProblem(String(issue.input)) ?? "endpoint is not valid",
    }),
});

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The AWS services Switchyard calls; an endpoint override must be one of theirs. */
const SERVICES = "(?:events|sts|sqs|schemas|scheduler|pipes)";
const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";
const AWS_SERVICE_ENDPOINT = new RegExp(
  [
    // events.eu-west-1.amazonaws.com, sqs-fips.us-gov-west-1.amazonaws.com, events.cn-north-1.amazonaws.com.cn, sts.us-east-1.api.aws
    `^${SERVICES}(?:-fips)?\\.${REGION}\\.(?:amazonaws\\.com(?:\\.cn)?|api\\.aws)$`,
    // VPC interface endpoints: vpce-0a1b…(-us-east-1a).events.us-east-1.vpce.amazonaws.com
    `^vpce-[a-z0-9]+(?:-[a-z0-9-]+)?\\.${SERVICES}\\.${REGION}\\.vpce\\.amazonaws\\.com(?:\\.cn)?$`,
    // STS's global endpoint.
    "^sts\\.amazonaws\\.com$",
  ].join("|"),
);

/** Whether `hostname` is an AWS endpoint of a service Switchyard calls (in any region and partition). */
export function isAwsServiceEndpoint(hostname: string): boolean {
  return AWS_SERVICE_ENDPOINT.test(hostname.toLowerCase());
}

/**
 * Why an endpoint override is refused, if it is. The server signs every call with its
 * credentials, so calls go only to an AWS endpoint of a service it calls (over https), to this
 * server itself (Switchyard's local EventBridge), or to a host the operator allowed in
 * SWITCHYARD_ALLOWED_OUTBOUND_HOSTS (another local emulator); never to a link-local or metadata
 * address. An operator can still set any endpoint through SWITCHYARD_AWS_ENDPOINT.
 */
export function endpointProblem(text: string, allowed: readonly HostRule[] = boundarySettings().allowedOutboundHosts, ownPort: number = env.PORT): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "endpoint must be a URL such as http://127.0.0.1:3000 or https://events.eu-west-1.amazonaws.com";
  }
  if (url.username !== "" || url.password !== "") return "endpoint must not contain a user name or password";
  if (url.protocol !== "http:" && url.protocol !== "https:") return "endpoint must be http or https";
  if (isAwsServiceEndpoint(url.hostname)) return url.protocol === "https:" ? undefined : "an AWS endpoint must use https";
  const port = defaultPort(url);
  const own = LOOPBACK.has(url.hostname) && port === ownPort;
  if (own || isHostAllowed(allowed, url.hostname, port)) {
    const literal = ipLiteralOf(url.hostname);
    const refused = literal === undefined ? undefined : addressRefusal(literal, true);
    return refused === undefined ? undefined : `endpoint: ${refused}`;
  }
  return `endpoint must be an AWS endpoint of events, sts, sqs, schemas, scheduler or pipes (such as https://events.eu-west-1.amazonaws.com; VPC endpoints included), this server (http://127.0.0.1:${ownPort}), or a host listed in SWITCHYARD_ALLOWED_OUTBOUND_HOSTS`;
}

/** Validates settings from a request; throws ValidationError naming the field. */
export function parseAwsConnectionSettings(body: unknown): AwsConnectionSettings {
  const parsed = awsConnectionInput.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "AWS connection");
  return withoutUndefined(parsed.data);
}

function withoutUndefined(settings: { region: string; profile?: string; endpoint?: string }): AwsConnectionSettings {
  return {
    region: settings.region,
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
  };
}

/** The environment's settings, or null when no region is set there. */
export function environmentAwsConnection(env: Readonly<Record<string, string | undefined>> = process.env): AwsConnectionSettings | null {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) return null;
  return withoutUndefined({ region, profile: env.AWS_PROFILE || undefined, endpoint: env.SWITCHYARD_AWS_ENDPOINT || undefined });
}

/** The saved settings, or null when none were saved. */
export async function savedAwsConnection(): Promise<AwsConnectionSettings | null> {
  const db = await getDb();
  const row = await db.awsConnection.findUnique({ where: { id: SETTINGS_ID } });
  if (row === null) return null;
  return withoutUndefined({ region: row.region, profile: row.profile ?? undefined, endpoint: row.endpoint ?? undefined });
}

/** The settings in use and where they come from; null when AWS is not configured on this server. */
export async function describeAwsConnection(): Promise<{ settings: AwsConnectionSettings; source: AwsConnectionSource } | null> {
  const saved = await savedAwsConnection();
  if (saved) return { settings: saved, source: "saved" };
  const fromEnv = environmentAwsConnection();
  return fromEnv ? { settings: fromEnv, source: "environment" } : null;
}

/** The configured connection, or null when AWS is not configured on this server. */
export async function currentAwsConnection(): Promise<AwsConnectionSettings | null> {
  return (await describeAwsConnection())?.settings ?? null;
}

export async function saveAwsConnection(body: unknown): Promise<AwsConnectionSettings> {
  const settings = parseAwsConnectionSettings(body);
  const db = await getDb();
  const data = { region: settings.region, profile: settings.profile ?? null, endpoint: settings.endpoint ?? null };
  await db.awsConnection.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...data }, update: data });
  return settings;
}

/** Forgets the saved settings (the environment applies again). */
export async function clearAwsConnection(): Promise<void> {
  const db = await getDb();
  await db.awsConnection.deleteMany({ where: { id: SETTINGS_ID } });
}

/**
 * What every client shares: region, endpoint, credentials resolved by the provider chain on
 * each call, and the SDK's adaptive retry (client-side rate limiting plus exponential backoff
 * with jitter), bounded, so throttling is retried instead of failing the first time.
 */
export const MAX_ATTEMPTS = 5;

/** Whether the endpoint is this machine (Switchyard's local EventBridge). */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (endpoint === undefined) return false;
  try {
    return LOOPBACK.has(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** Credentials for the local EventBridge when the chain has none: it accepts any signature unless SWITCHYARD_BUS_KEYS is set. */
const LOCAL_ONLY_CREDENTIALS = { accessKeyId: "switchyard-local", secretAccessKey: "switchyard-local" };

function credentialsFor(connection: AwsConnectionSettings): AwsCredentialIdentityProvider {
  const chain = fromNodeProviderChain(connection.profile ? { profile: connection.profile } : {});
  if (!isLoopbackEndpoint(connection.endpoint)) return chain;
  return async () => {
    try {
      return await chain();
    } catch {
      return LOCAL_ONLY_CREDENTIALS;
    }
  };
}

/** The settings every SDK client of this connection shares. */
export function awsClientConfig(connection: AwsConnectionSettings) {
  return {
    region: connection.region,
    endpoint: connection.endpoint,
    credentials: credentialsFor(connection),
    retryMode: "adaptive",
    maxAttempts: MAX_ATTEMPTS,
    // An endpoint override is a name someone typed: its connections never reach a metadata address.
    ...(connection.endpoint === undefined ? {} : { requestHandler: guardedAgents() }),
  } as const;
}

export function eventBridgeClientFor(connection: AwsConnectionSettings): EventBridgeClient {
  return new EventBridgeClient(awsClientConfig(connection));
}

export function stsClientFor(connection: AwsConnectionSettings): STSClient {
  return new STSClient(awsClientConfig(connection));
}

export function schemasClientFor(connection: AwsConnectionSettings): SchemasClient {
  return new SchemasClient(awsClientConfig(connection));
}

export function sqsClientFor(connection: AwsConnectionSettings): SQSClient {
  return new SQSClient(awsClientConfig(connection));
}

export function schedulerClientFor(connection: AwsConnectionSettings): SchedulerClient {
  return new SchedulerClient(awsClientConfig(connection));
}

export function pipesClientFor(connection: AwsConnectionSettings): PipesClient {
  return new PipesClient(awsClientConfig(connection));
}
