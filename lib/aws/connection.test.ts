import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { environmentAwsConnection, parseAwsConnectionSettings } from "./connection";

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
