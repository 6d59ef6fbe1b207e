/**
 * Settings of the local EventBridge, read once from the environment:
 *
 *   SWITCHYARD_BUS_ACCOUNT   account of requests whose access key is not a 12-digit account id (000000000000)
 *   SWITCHYARD_BUS_REGION    region in ARNs and events (us-east-1)
 *   SWITCHYARD_BUS_RETRY_BASE_MS  backoff of a failed delivery: retry n waits up to this · 2^(n-1), jittered (1000)
 *   SWITCHYARD_BUS_OAUTH_AUTHORIZATION_MS  how long a new or updated OAuth connection stays AUTHORIZING (2000)
 *   SWITCHYARD_BUS_KEYS      `AKID:secret,…`: when set, requests must be SigV4-signed with one of these keys
 *   SWITCHYARD_INGEST_TOKEN  secret that POST /api/events/ingest requires (unset: the route is off)
 *   SWITCHYARD_ALLOWED_OUTBOUND_HOSTS  loopback or private hosts API destinations may call (lib/boundary)
 *   SWITCHYARD_LAMBDA_ENDPOINT  a Lambda-compatible endpoint (`sam local start-lambda`: http://127.0.0.1:3001) pipes invoke
 */
import { z } from "zod";
import { parseHostList, type HostRule } from "../boundary";
import { parseKeyList } from "./protocol/sigv4";

const schema = z.object({
  SWITCHYARD_BUS_ACCOUNT: z.string().regex(/^\d{12}$/, "must be 12 digits").default("000000000000"),
  SWITCHYARD_BUS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be a region like us-east-1").default("us-east-1"),
  SWITCHYARD_BUS_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  SWITCHYARD_BUS_OAUTH_AUTHORIZATION_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
  SWITCHYARD_BUS_KEYS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return parseKeyList(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  SWITCHYARD_INGEST_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      try {
        return parseHostList("SWITCHYARD_ALLOWED_OUTBOUND_HOSTS", text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  SWITCHYARD_LAMBDA_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
});

export interface BusConfig {
  readonly defaultAccount: string;
  readonly region: string;
  readonly retryBaseMs: number;
  /** How long an OAuth connection is AUTHORIZING before it is AUTHORIZED (no token is fetched locally). */
  readonly oauthAuthorizationMs: number;
  readonly ingestToken: string | undefined;
  /** Keys signatures are verified against; undefined accepts any signature. */
  readonly signingKeys: ReadonlyMap<string, string> | undefined;
  /** Loopback and private hosts API destinations may call (never link-local or metadata addresses). */
  readonly allowedOutboundHosts: readonly HostRule[];
  /** Where pipes invoke Lambda functions; undefined: a pipe stops at a Lambda step and shows what it would have sent. */
  readonly lambdaEndpoint: string | undefined;
}

export function readBusConfig(source: Record<string, string | undefined> = process.env): BusConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([key, value]) => (key.startsWith("SWITCHYARD_BUS_") || key === "SWITCHYARD_INGEST_TOKEN" || key === "SWITCHYARD_ALLOWED_OUTBOUND_HOSTS" || key === "SWITCHYARD_LAMBDA_ENDPOINT") && value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid local EventBridge settings:\n${lines.join("\n")}`);
  }
  return {
    defaultAccount: result.data.SWITCHYARD_BUS_ACCOUNT,
    region: result.data.SWITCHYARD_BUS_REGION,
    retryBaseMs: result.data.SWITCHYARD_BUS_RETRY_BASE_MS,
    oauthAuthorizationMs: result.data.SWITCHYARD_BUS_OAUTH_AUTHORIZATION_MS,
    ingestToken: result.data.SWITCHYARD_INGEST_TOKEN,
    signingKeys: result.data.SWITCHYARD_BUS_KEYS,
    allowedOutboundHosts: result.data.SWITCHYARD_ALLOWED_OUTBOUND_HOSTS,
    lambdaEndpoint: result.data.SWITCHYARD_LAMBDA_ENDPOINT,
  };
}
