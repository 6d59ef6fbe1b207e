/**
 * Without any credentials on the server, the local EventBridge (a loopback endpoint) is still
 * reachable, while AWS itself is not: the credential error is reported, never papered over.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "../emulator/test-endpoint";
import { describeAwsError } from "./errors";
import { testAwsConnection } from "./identity";

let endpoint: TestEndpoint;

beforeAll(async () => {
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]) {
    delete process.env[name];
  }
  process.env.AWS_CONFIG_FILE = "/nonexistent/switchyard/config";
  process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/switchyard/credentials";
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  endpoint = await startTestEndpoint();
}, 30_000);

afterAll(async () => {
  await endpoint.close();
});

describe("credentials", () => {
  it("reaches the local endpoint when the provider chain finds no credentials", async () => {
    expect(await testAwsConnection({ region: "us-east-1", endpoint: endpoint.url })).toMatchObject({ account: "000000000000" });
  });

  it("reports missing credentials for AWS itself", async () => {
    const failure = await testAwsConnection({ region: "us-east-1", endpoint: "https://sts.us-east-1.amazonaws.com" }).catch((error: unknown) => error);
    expect(describeAwsError(failure).code).toBe("aws_credentials");
  }, 30_000);
});
