import { EventBridgeClient, EventBridgeServiceException, PutRuleCommand } from "@aws-sdk/client-eventbridge";
import { describe, expect, expectTypeOf, it } from "vitest";
import { errorResponse, NotFoundError } from "@/lib/errors";
import { AwsCallError, describeAwsError, operationOfCommand, redactSecrets, sendAws } from "./errors";

/** An error shaped exactly as the SDK throws a modelled service exception. */
function serviceError(name: string, message: string, attempts = 1, httpStatusCode = 400): Error {
  return new EventBridgeServiceException({
    name,
    message,
    $fault: httpStatusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode, attempts, totalRetryDelay: 0 },
  });
}

describe("describeAwsError", () => {
  it("names the missing action from AWS's access-denied message", () => {
    const error = serviceError(
      "AccessDeniedException",
      "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: events:PutRule on resource: arn:aws:events:us-east-1:123456789012:rule/orders because no identity-based policy allows the events:PutRule action",
      1,
      403,
    );
    const d = describeAwsError(error);
    expect(d.code).toBe("aws_access_denied");
    expect(d.action).toBe("events:PutRule");
    expect(d.status).toBe(403);
    expect(d.message).toContain("events:PutRule");
    expect(d.message).toContain("arn:aws:events:us-east-1:123456789012:rule/orders");
  });

  it("derives the action from the failed call when AWS's message does not name it", () => {
    const error = serviceError("AccessDenied", "Access to the resource is denied.", 1, 403);
    const d = describeAwsError(new AwsCallError(error, { service: "sqs", operation: "CreateQueue" }));
    expect(d.code).toBe("aws_access_denied");
    expect(d.action).toBe("sqs:CreateQueue");
    expect(d.message).toContain("sqs:CreateQueue");
  });

  it("treats EC2-style UnauthorizedOperation as access denied and drops the encoded blob", () => {
    const error = Object.assign(new Error("You are not authorized to perform this operation. Encoded authorization failure message: AbC123xyz"), {
      name: "UnauthorizedOperation",
      $metadata: { httpStatusCode: 403 },
    });
    const d = describeAwsError(error, { service: "ec2", operation: "DescribeVpcs" });
    expect(d.code).toBe("aws_access_denied");
    expect(d.action).toBe("ec2:DescribeVpcs");
    expect(d.message).not.toContain("AbC123xyz");
  });

  it.each(["ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"])(
    "says %s was retried with backoff, with the attempt count",
    (name) => {
      const d = describeAwsError(new AwsCallError(serviceError(name, "Rate exceeded", 3), { service: "events", operation: "ListRules" }));
      expect(d.code).toBe("aws_throttled");
      expect(d.status).toBe(503);
      expect(d.message).toMatch(/retried with exponential backoff \(3 attempts\)/);
      expect(d.message).toContain("events:ListRules");
    },
  );

  it("names the resource that was not found", () => {
    const d = describeAwsError(serviceError("ResourceNotFoundException", "Archive orders-archive does not exist."));
    expect(d.code).toBe("aws_not_found");
    expect(d.status).toBe(404);
    expect(d.message).toContain("Archive orders-archive does not exist.");
  });

  it("explains how to provide credentials when no provider has any", () => {
    const error = Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    const d = describeAwsError(error);
    expect(d.code).toBe("aws_credentials");
    expect(d.message).toMatch(/AWS_ACCESS_KEY_ID/);
    expect(d.message).toMatch(/profile/);
  });

  it("points SSO users at aws sso login", () => {
    const error = Object.assign(new Error("The SSO session associated with this profile has expired"), { name: "TokenProviderError" });
    expect(describeAwsError(error).message).toContain("aws sso login");
  });

  it("says expired tokens must be refreshed", () => {
    const d = describeAwsError(serviceError("ExpiredTokenException", "The security token included in the request is expired"));
    expect(d.code).toBe("aws_credentials");
    expect(d.message).toMatch(/expired/);
  });

  it("says when AWS does not know the access key", () => {
    const d = describeAwsError(serviceError("UnrecognizedClientException", "The security token included in the request is invalid."));
    expect(d.code).toBe("aws_credentials");
    expect(d.message).toContain("UnrecognizedClientException");
  });

  it("names the endpoint a connection was refused by", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4599"), {
      code: "ECONNREFUSED",
      address: "127.0.0.1",
      port: 4599,
      $metadata: { attempts: 3 },
    });
    const d = describeAwsError(error);
    expect(d.code).toBe("aws_network");
    expect(d.message).toContain("127.0.0.1:4599");
    expect(d.message).toContain("refused");
    expect(describeAwsError(error, { endpoint: "http://127.0.0.1:4599" }).message).toContain("http://127.0.0.1:4599");
  });

  it("finds a network code on the error's cause", () => {
    const error = new Error("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND events.example"), { code: "ENOTFOUND", hostname: "events.example" }) });
    const d = describeAwsError(error);
    expect(d.code).toBe("aws_network");
    expect(d.message).toContain("events.example");
  });

  it("keeps AWS's validation message and marks conflicts", () => {
    expect(describeAwsError(serviceError("ValidationException", "Parameter ScheduleExpression is not valid.")).message).toContain(
      "Parameter ScheduleExpression is not valid.",
    );
    expect(describeAwsError(serviceError("ResourceAlreadyExistsException", "Rule exists")).code).toBe("aws_conflict");
  });

  it("never repeats secrets from a message", () => {
    const error = serviceError(
      "InternalFailure",
      "Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/events/aws4_request, Signature=0123456789abcdef0123456789abcdef key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      1,
      500,
    );
    const d = describeAwsError(error);
    expect(d.code).toBe("aws_error");
    expect(d.message).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(d.message).not.toContain("0123456789abcdef0123456789abcdef");
    expect(d.message).not.toContain("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    expect(d.message).toContain("InternalFailure");
  });
});

describe("redactSecrets", () => {
  it("leaves ordinary text, ARNs and 12-digit accounts alone", () => {
    const text = "Rule orders on arn:aws:events:us-east-1:123456789012:event-bus/default failed";
    expect(redactSecrets(text)).toBe(text);
  });
  it("masks session tokens and secret keys in key=value form", () => {
    const out = redactSecrets("X-Amz-Security-Token=FwoGZXIvYXdzEJr aws_secret_access_key = abc/def+ghi");
    expect(out).not.toContain("FwoGZXIvYXdzEJr");
    expect(out).not.toContain("abc/def+ghi");
  });
});

describe("sendAws", () => {
  it("records the service and operation of a failed call", async () => {
    const client = new EventBridgeClient({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x".repeat(40) },
      maxAttempts: 1,
    });
    const failure = await sendAws(client, new PutRuleCommand({ Name: "r", EventPattern: "{}" }), {
      endpoint: "http://127.0.0.1:9",
    }).catch((e: unknown) => e);
    client.destroy();
    expect(failure).toBeInstanceOf(AwsCallError);
    const call = failure as AwsCallError;
    expect(call.context).toEqual({ service: "events", operation: "PutRule", endpoint: "http://127.0.0.1:9" });
    const d = describeAwsError(call);
    expect(d.code).toBe("aws_network");
    expect(d.message).toContain("http://127.0.0.1:9");
    expect(d.message).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });
});

describe("an AWS failure through the app's one error mapping", () => {
  it("answers with its status and a clear body naming the IAM action", async () => {
    const response = errorResponse(new AwsCallError(serviceError("AccessDeniedException", "denied", 1, 403), { service: "events", operation: "StartReplay" }));
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.error).toEqual(expect.objectContaining({ code: "aws_access_denied", action: "events:StartReplay", awsCode: "AccessDeniedException" }));
  });

  it("lets the app's own errors through sendAws unwrapped", async () => {
    const client = { config: { serviceId: "EventBridge" }, send: () => Promise.reject(new NotFoundError("Design d does not exist")) };
    const failure = await sendAws(client, new PutRuleCommand({ Name: "r" })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NotFoundError);
    expect(errorResponse(failure).status).toBe(404);
  });
});

describe("operationOfCommand", () => {
  it("reads the operation from the command's schema, which survives minified class names", () => {
    class Mangled extends PutRuleCommand {}
    expect(operationOfCommand(new Mangled({ Name: "r" }))).toBe("PutRule");
  });
});

describe("sendAws typing", () => {
  it("keeps the command's own output type", () => {
    type Output = Awaited<ReturnType<typeof sendAws<PutRuleCommand>>>;
    expectTypeOf<Output>().toHaveProperty("RuleArn");
  });
});
