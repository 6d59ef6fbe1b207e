/**
 * Without any credentials on the server, the local EventBridge (a loopback endpoint) is still
 * reachable, while AWS itself is not: the credential error is reported, never papered over.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/errors";
import { startTestEndpoint, type TestEndpoint } from "../emulator/test-endpoint";
import { describeAwsError } from "./errors";
import { testAwsConnection } from "./identity";
import { describeSchema, listRegistries, listSchemas } from "./schema-registry";

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

describe("the schema registry browser", () => {
  it("reaches the local endpoint without credentials, like every other AWS call", async () => {
    const local = { region: "us-east-1", endpoint: endpoint.url };
    expect(await listRegistries("aws", local)).toContain("aws.events");
    expect((await listSchemas("aws", local, "aws.events", "ec2")).length).toBeGreaterThan(0);
    expect(await describeSchema("aws", local, "aws.events", "aws.ec2@EC2InstanceStateChangeNotification")).toMatchObject({ type: "OpenApi3" });
  });

  it("answers missing credentials for AWS itself with a 401 that says how to fix it, not a 500", async () => {
    const failure = await listRegistries("aws", { region: "us-east-1" }).catch((error: unknown) => error);
    const response = errorResponse(failure);
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatchObject({ code: "aws_credentials", message: expect.stringContaining("No AWS credentials could be loaded") });
  }, 30_000);
});
