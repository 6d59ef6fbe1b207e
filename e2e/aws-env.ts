/**
 * What the e2e server gets for AWS: dummy keys for the SDK's default provider chain (the local
 * endpoint accepts any SigV4 signature unless SWITCHYARD_BUS_KEYS is set) and a shared config
 * file with one profile, so the profile picker has something to list. No real account is reached.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

export const E2E_AWS_ACCESS_KEY_ID = "AKIDSWITCHYARDE2E";
export const E2E_AWS_SECRET_ACCESS_KEY = "switchyard-e2e-not-a-secret";
export const E2E_AWS_PROFILE = "switchyard-e2e";
/** The port of e2e/faulty-endpoint.ts, a loopback host besides the app the server may call. */
export const FAULTY_ENDPOINT_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
/** The port of the customer lookup e2e/pipes.spec.ts serves for the Order pipeline's enrichment. */
export const PIPES_ENRICHER_PORT = Number(process.env.E2E_PORT ?? 3100) + 2;

/** Writes the shared config file into `dir` and returns the server's AWS environment. */
export function e2eAwsEnvironment(dir: string): Record<string, string> {
  const configFile = join(dir, "aws-config");
  writeFileSync(configFile, `[default]\nregion = us-east-1\n\n[profile ${E2E_AWS_PROFILE}]\nregion = us-east-1\n`);
  return {
    AWS_ACCESS_KEY_ID: E2E_AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: E2E_AWS_SECRET_ACCESS_KEY,
    AWS_CONFIG_FILE: configFile,
    // No credentials file and no instance metadata: the chain stops at the environment's keys.
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "aws-credentials-none"),
    AWS_EC2_METADATA_DISABLED: "true",
    SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: `127.0.0.1:${FAULTY_ENDPOINT_PORT},127.0.0.1:${PIPES_ENRICHER_PORT}`,
  };
}

/** Specs that save a connection forget it after each test: the other specs expect an unconfigured server. */
export function forgetAwsConnectionAfterEachTest(): void {
  test.afterEach(async ({ request }) => {
    expect((await request.delete("/api/aws/connection")).ok()).toBe(true);
  });
}
