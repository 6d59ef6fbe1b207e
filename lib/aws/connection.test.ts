import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { endpointProblem, environmentAwsConnection, parseAwsConnectionSettings } from "./connection";

describe("AWS connection settings", () => {
  it("accepts a region with an optional profile and endpoint; empty strings mean absent", () => {
    expect(parseAwsConnectionSettings({ region: " eu-west-1 ", profile: "", endpoint: "" })).toEqual({ region: "eu-west-1" });
    expect(parseAwsConnectionSettings({ region: "us-gov-west-1", profile: "team", endpoint: "https://vpce-1.events.eu-west-1.vpce.amazonaws.com" })).toEqual({
      region: "us-gov-west-1",
      profile: "team",
      endpoint: "https://vpce-1.events.eu-west-1.vpce.amazonaws.com",
    });
  });

  it.each([
    [{ region: "Ireland" }, "region"],
    [{}, "region"],
    [{ region: "eu-west-1", endpoint: "ftp://example.com" }, "endpoint"],
    [{ region: "eu-west-1", endpoint: "https://user:pass@example.com" }, "endpoint"],
    [{ region: "eu-west-1", profile: "two words" }, "profile"],
    [{ region: "eu-west-1", endpoint: "https://attacker.example.com" }, "endpoint"],
    [{ region: "eu-west-1", endpoint: "http://events.eu-west-1.amazonaws.com" }, "endpoint"],
    [{ region: "eu-west-1", endpoint: "https://amazonaws.com.attacker.example" }, "endpoint"],
    [{ region: "eu-west-1", secretAccessKey: "x" }, "(body)"],
  ])("refuses %j naming %s", (body, path) => {
    try {
      parseAwsConnectionSettings(body);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
    }
  });

  it("accepts only AWS endpoints or this machine, since every call is signed with the server's credentials", () => {
    expect(parseAwsConnectionSettings({ region: "eu-west-1", endpoint: "http://127.0.0.1:3000" }).endpoint).toBe("http://127.0.0.1:3000");
    expect(parseAwsConnectionSettings({ region: "eu-west-1", endpoint: "http://localhost:3000" }).endpoint).toBe("http://localhost:3000");
    expect(parseAwsConnectionSettings({ region: "cn-north-1", endpoint: "https://events.cn-north-1.amazonaws.com.cn" }).endpoint).toBe("https://events.cn-north-1.amazonaws.com.cn");
    expect(() => parseAwsConnectionSettings({ region: "eu-west-1", endpoint: "https://attacker.example.com" })).toThrow(/must be an AWS endpoint/);
  });

  it("takes as an endpoint override the AWS endpoints of the services Switchyard calls, in any region and partition", () => {
    const accepted = [
      "https://events.us-east-1.amazonaws.com",
      "https://sts.eu-west-1.amazonaws.com",
      "https://sqs.ap-southeast-2.amazonaws.com",
      "https://schemas.us-west-2.amazonaws.com",
      "https://scheduler.eu-central-1.amazonaws.com",
      "https://pipes.us-east-2.amazonaws.com",
      "https://events.cn-north-1.amazonaws.com.cn",
      "https://events-fips.us-gov-west-1.amazonaws.com",
      "https://events.us-east-1.api.aws",
      "https://sts.amazonaws.com",
      "https://vpce-0a1b2c3d4e5f-abcd1234.events.eu-west-1.vpce.amazonaws.com",
      "https://vpce-0a1b2c3d4e5f-abcd1234-eu-west-1a.sqs.eu-west-1.vpce.amazonaws.com",
      "https://EVENTS.US-EAST-1.AMAZONAWS.COM/",
    ];
    for (const endpoint of accepted) expect(endpointProblem(endpoint, [], 3000), endpoint).toBeUndefined();
  });

  it("refuses any other *.amazonaws.com host (API Gateway and S3 names anyone can own), http, and look-alikes", () => {
    const refused = [
      "https://abc123.execute-api.us-east-1.amazonaws.com",
      "https://events.execute-api.us-east-1.amazonaws.com",
      "https://my-bucket.s3.amazonaws.com",
      "https://lambda.us-east-1.amazonaws.com",
      "https://events.us-east-1.amazonaws.com.attacker.example",
      "https://attacker.example/events.us-east-1.amazonaws.com",
      "http://events.us-east-1.amazonaws.com",
    ];
    for (const endpoint of refused) expect(endpointProblem(endpoint, [], 3000), endpoint).toBeDefined();
    expect(endpointProblem("https://abc123.execute-api.us-east-1.amazonaws.com", [], 3000)).toMatch(/AWS endpoint of events, sts, sqs, schemas, scheduler or pipes/);
  });

  it("takes this server, and other hosts of this machine or a private network only when SWITCHYARD_ALLOWED_OUTBOUND_HOSTS lists them", () => {
    expect(endpointProblem("http://127.0.0.1:3000", [], 3000)).toBeUndefined();
    expect(endpointProblem("http://localhost:3000", [], 3000)).toBeUndefined();
    expect(endpointProblem("http://[::1]:3000", [], 3000)).toBeUndefined();
    for (const endpoint of ["http://127.0.0.1:4566", "http://localhost:8080", "http://10.0.0.7:4566", "https://proxy.corp.example"]) {
      expect(endpointProblem(endpoint, [], 3000), endpoint).toMatch(/SWITCHYARD_ALLOWED_OUTBOUND_HOSTS/);
    }
    expect(endpointProblem("http://localhost:4566", [{ hostname: "localhost", port: 4566 }], 3000)).toBeUndefined();
    expect(endpointProblem("http://localhost:4567", [{ hostname: "localhost", port: 4566 }], 3000)).toBeDefined();
    expect(endpointProblem("http://10.0.0.7:4566", [{ hostname: "10.0.0.7" }], 3000)).toBeUndefined();
  });

  it("never takes a metadata or link-local address, even when listed", () => {
    for (const endpoint of ["http://169.254.169.254", "http://[fd00:ec2::254]", "http://[::ffff:169.254.169.254]", "http://2852039166/"]) {
      const host = new URL(endpoint).hostname;
      expect(endpointProblem(endpoint, [{ hostname: host }], 3000), endpoint).toMatch(/never calls/);
    }
  });

  it("holds Test connection's unsaved settings to the same rules", () => {
    expect(() => parseAwsConnectionSettings({ region: "us-east-1", endpoint: "https://abc.execute-api.us-east-1.amazonaws.com" })).toThrow(ValidationError);
  });

  it("falls back to the environment: AWS_REGION (or AWS_DEFAULT_REGION), AWS_PROFILE, SWITCHYARD_AWS_ENDPOINT", () => {
    expect(environmentAwsConnection({})).toBeNull();
    expect(environmentAwsConnection({ AWS_DEFAULT_REGION: "eu-west-1" })).toEqual({ region: "eu-west-1" });
    expect(environmentAwsConnection({ AWS_REGION: "us-east-1", AWS_DEFAULT_REGION: "eu-west-1", AWS_PROFILE: "ci", SWITCHYARD_AWS_ENDPOINT: "http://127.0.0.1:3000" })).toEqual({
      region: "us-east-1",
      profile: "ci",
      endpoint: "http://127.0.0.1:3000",
    });
  });
});
