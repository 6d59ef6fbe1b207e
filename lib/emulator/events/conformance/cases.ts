/**
 * What AWS answers, operation by operation, written from EventBridge's API reference (each
 * scenario names its page) and AWS's recorded answers where the reference gives no wording.
 * Validation messages follow AWS's format (CommonErrors: ValidationException): every violated
 * constraint at once, members by their lower-camel path, patterns and enums as AWS's model
 * writes them.
 */
import { expect } from "vitest";
import { OAUTH_AUTHORIZATION_MS, type Scenario } from "./scenarios";

const API = "https://docs.aws.amazon.com/eventbridge/latest/APIReference";
const GUIDE = "https://docs.aws.amazon.com/eventbridge/latest/userguide";
const ACCOUNT = "000000000000";
const ARN = `arn:aws:events:us-east-1:${ACCOUNT}`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:conformance-queue`;
const PATTERN = '{"source":["com.example"]}';
const NAME_PATTERN = "[\\.\\-_A-Za-z0-9]+";
const UUID = /^[0-9a-f-]{36}$/;
const hourAgo = () => new Date(Date.now() - 3_600_000);

export const VALIDATION: Scenario[] = [
  {
    title: "CreateConnection: every violated constraint at once, in the model's member order",
    doc: `${API}/API_CreateConnection.html`,
    steps: [
      {
        call: "CreateConnection",
        input: { Name: "This should fail with two errors 123467890123412341234123412341234", AuthorizationType: "INVALID", AuthParameters: {} },
        error: {
          code: "ValidationException",
          message:
            "3 validation errors detected: Value 'This should fail with two errors 123467890123412341234123412341234' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; Value 'This should fail with two errors 123467890123412341234123412341234' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64; Value 'INVALID' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]",
        },
      },
    ],
  },
  {
    title: "CreateApiDestination: a pattern the model anchors is shown with its anchors; HttpMethod's values in AWS's order",
    doc: `${API}/API_CreateApiDestination.html`,
    steps: [
      {
        call: "CreateApiDestination",
        input: { Name: "dest", ConnectionArn: "invalid-connection-arn", InvocationEndpoint: "https://example.com", HttpMethod: "INVALID_METHOD" },
        error: {
          code: "ValidationException",
          message:
            "2 validation errors detected: Value 'invalid-connection-arn' at 'connectionArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$; Value 'INVALID_METHOD' at 'httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [HEAD, POST, PATCH, DELETE, PUT, GET, OPTIONS]",
        },
      },
    ],
  },
  {
    title: "PutRule: name pattern, State enum and Description length together",
    doc: `${API}/API_PutRule.html`,
    steps: [
      {
        call: "PutRule",
        input: { Name: "bad name", State: "ON", Description: "d".repeat(513), EventPattern: PATTERN },
        error: {
          code: "ValidationException",
          message: `3 validation errors detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}; Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]; Value '${"d".repeat(513)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 512`,
        },
      },
    ],
  },
  {
    title: "PutTargets: members of list items by their path (targets.1.member.retryPolicy…), a missing required member as null",
    doc: `${API}/API_PutTargets.html`,
    steps: [
      {
        call: "PutTargets",
        input: {
          Rule: "r",
          Targets: [{ Id: "!@#", Arn: QUEUE, RetryPolicy: { MaximumRetryAttempts: 200, MaximumEventAgeInSeconds: 30 } }, { Id: "second" }],
        },
        error: {
          code: "ValidationException",
          message: `4 validation errors detected: Value '!@#' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}; Value '200' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185; Value '30' at 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60; Value null at 'targets.2.member.arn' failed to satisfy constraint: Member must not be null`,
        },
      },
      {
        call: "PutTargets",
        input: { Rule: "r", Targets: [{ Id: "t", Arn: QUEUE, InputTransformer: { InputPathsMap: { "bad key!": "$.detail" }, InputTemplate: '"x"' } }] },
        error: {
          code: "ValidationException",
          message:
            "1 validation error detected: Value '{bad key!=$.detail}' at 'targets.1.member.inputTransformer.inputPathsMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [A-Za-z0-9\\_\\-]+]",
        },
      },
    ],
  },
  {
    title: "RemoveTargets: a list of plain values is reported once, with its members' constraints",
    doc: `${API}/API_RemoveTargets.html`,
    steps: [
      {
        call: "RemoveTargets",
        input: { Rule: "r", Ids: ["fine", "bad id"] },
        error: {
          code: "ValidationException",
          message: `1 validation error detected: Value '[fine, bad id]' at 'ids' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 64, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${NAME_PATTERN}]`,
        },
      },
    ],
  },
  {
    title: "Required members and number ranges (Limit)",
    doc: `${API}/CommonErrors.html`,
    steps: [
      { call: "DescribeRule", input: {}, error: { code: "ValidationException", message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null" } },
      { call: "ListRules", input: { Limit: 0 }, error: { code: "ValidationException", message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1" } },
      { call: "ListEventBuses", input: { Limit: 101 }, error: { code: "ValidationException", message: "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100" } },
    ],
  },
  {
    title: "A sensitive member's value is never echoed",
    doc: `${API}/API_CreateConnectionBasicAuthRequestParameters.html`,
    steps: [
      {
        call: "CreateConnection",
        input: { Name: "secretive", AuthorizationType: "BASIC", AuthParameters: { BasicAuthParameters: { Username: "user", Password: "pass\u0001word" } } },
        error: {
          code: "ValidationException",
          message:
            "1 validation error detected: Value at 'authParameters.basicAuthParameters.password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[ \\t]*[^\\x00-\\x1F:\\x7F]+([ \\t]+[^\\x00-\\x1F:\\x7F]+)*[ \\t]*$",
        },
      },
    ],
  },
];

export const BUSES: Scenario[] = [
  {
    title: "An event bus's lifecycle: settings on create, describe, list, update, delete",
    doc: `${API}/API_CreateEventBus.html`,
    steps: [
      {
        call: "CreateEventBus",
        input: { Name: "conf-orders", Description: "orders", KmsKeyIdentifier: "alias/orders", DeadLetterConfig: { Arn: QUEUE }, LogConfig: { IncludeDetail: "FULL", Level: "INFO" } },
        output: { EventBusArn: `${ARN}:event-bus/conf-orders`, Description: "orders", KmsKeyIdentifier: "alias/orders", DeadLetterConfig: { Arn: QUEUE }, LogConfig: { IncludeDetail: "FULL", Level: "INFO" } },
      },
      { call: "CreateEventBus", input: { Name: "conf-orders" }, error: { code: "ResourceAlreadyExistsException", message: "Event bus conf-orders already exists." } },
      {
        call: "DescribeEventBus",
        input: { Name: "conf-orders" },
        output: { Name: "conf-orders", Arn: `${ARN}:event-bus/conf-orders`, Description: "orders", KmsKeyIdentifier: "alias/orders", CreationTime: "<time>", LastModifiedTime: "<time>" },
        absent: ["Policy"],
      },
      { call: "ListEventBuses", input: { NamePrefix: "conf-ord" }, output: { EventBuses: [{ Name: "conf-orders", Arn: `${ARN}:event-bus/conf-orders`, Description: "orders" }] } },
      {
        call: "UpdateEventBus",
        input: { Name: "conf-orders", Description: "all orders" },
        output: { Arn: `${ARN}:event-bus/conf-orders`, Name: "conf-orders", Description: "all orders", KmsKeyIdentifier: "alias/orders" },
      },
      { call: "DescribeEventBus", input: { Name: "conf-orders" }, output: { Description: "all orders", LogConfig: { IncludeDetail: "FULL", Level: "INFO" } } },
      { call: "UpdateEventBus", input: { Name: "conf-nowhere", Description: "x" }, error: { code: "ResourceNotFoundException", message: "Event bus conf-nowhere does not exist." } },
      { call: "DeleteEventBus", input: { Name: "conf-orders" }, output: {} },
      { call: "DeleteEventBus", input: { Name: "conf-orders" }, output: {} },
      { call: "DescribeEventBus", input: { Name: "conf-orders" }, error: { code: "ResourceNotFoundException", message: "Event bus conf-orders does not exist." } },
      { call: "DeleteEventBus", input: { Name: "default" }, error: { code: "ValidationException", message: "Cannot delete event bus default." } },
    ],
  },
  {
    title: "A bus ARN (us-east-1) is accepted wherever EventBusName takes a name",
    doc: `${API}/API_PutRule.html`,
    steps: [
      { call: "CreateEventBus", input: { Name: "conf-by-arn" }, setup: true },
      { call: "DescribeEventBus", input: { Name: `${ARN}:event-bus/conf-by-arn` }, output: { Name: "conf-by-arn", Arn: `${ARN}:event-bus/conf-by-arn` } },
      { call: "PutRule", input: { Name: "by-arn", EventBusName: `${ARN}:event-bus/conf-by-arn`, EventPattern: PATTERN }, output: { RuleArn: `${ARN}:rule/conf-by-arn/by-arn` } },
      { call: "PutTargets", input: { Rule: "by-arn", EventBusName: `${ARN}:event-bus/conf-by-arn`, Targets: [{ Id: "q", Arn: QUEUE }] }, output: { FailedEntryCount: 0, FailedEntries: [] } },
      { call: "ListTargetsByRule", input: { Rule: "by-arn", EventBusName: `${ARN}:event-bus/conf-by-arn` }, output: { Targets: [{ Id: "q", Arn: QUEUE }] } },
      { call: "DescribeRule", input: { Name: "by-arn", EventBusName: `${ARN}:event-bus/conf-by-arn` }, output: { Name: "by-arn", EventBusName: "conf-by-arn", EventPattern: PATTERN, State: "ENABLED" } },
      { call: "ListRules", input: { EventBusName: `${ARN}:event-bus/conf-by-arn` }, output: { Rules: [{ Name: "by-arn", Arn: `${ARN}:rule/conf-by-arn/by-arn` }] } },
      {
        call: "DescribeEventBus",
        input: { Name: `arn:aws:events:eu-central-1:${ACCOUNT}:event-bus/conf-by-arn` },
        error: { code: "ResourceNotFoundException", message: "Event bus conf-by-arn does not exist." },
      },
      {
        call: "PutRule",
        input: { Name: "r", EventBusName: "arn:aws:events:us-east-1:123:event-bus/x", EventPattern: PATTERN },
        error: {
          code: "ValidationException",
          message:
            "1 validation error detected: Value 'arn:aws:events:us-east-1:123:event-bus/x' at 'eventBusName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+",
        },
      },
    ],
  },
  {
    title: "PutEvents to a bus that does not exist: the entry gets an EventId and no failure",
    doc: `${API}/API_PutEvents.html`,
    steps: [
      {
        call: "PutEvents",
        input: { Entries: [{ EventBusName: "conf-no-such-bus", Source: "com.example", DetailType: "t", Detail: "{}" }, { Source: "com.example", DetailType: "t", Detail: "{}" }] },
        output: { FailedEntryCount: 0, Entries: [{ EventId: expect.stringMatching(UUID) }, { EventId: expect.stringMatching(UUID) }] },
      },
      {
        call: "PutEvents",
        input: { Entries: [{ Source: "aws.ec2", DetailType: "t", Detail: "{}" }, { Source: "com.example", Detail: "{}" }] },
        output: {
          FailedEntryCount: 2,
          Entries: [
            { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: "Not authorized for the source." },
            { ErrorCode: "InvalidArgument", ErrorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument." },
          ],
        },
      },
    ],
  },
  {
    title: "PutPermission and RemovePermission: the bus policy DescribeEventBus returns as Policy",
    doc: `${API}/API_PutPermission.html`,
    steps: [
      { call: "CreateEventBus", input: { Name: "conf-shared" }, setup: true },
      { call: "PutPermission", input: { EventBusName: "conf-shared", Action: "events:PutEvents", Principal: "111122223333", StatementId: "one" }, output: {} },
      {
        call: "PutPermission",
        input: { EventBusName: "conf-shared", Action: "events:PutEvents", Principal: "*", StatementId: "org", Condition: { Type: "StringEquals", Key: "aws:PrincipalOrgID", Value: "o-1234567890" } },
        output: {},
      },
      {
        call: "DescribeEventBus",
        input: { Name: "conf-shared" },
        output: {
          Policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              { Sid: "one", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "events:PutEvents", Resource: `${ARN}:event-bus/conf-shared` },
              { Sid: "org", Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: `${ARN}:event-bus/conf-shared`, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1234567890" } } },
            ],
          }),
        },
      },
      { call: "PutPermission", input: { EventBusName: "conf-shared", Action: "events:PutEvents", Principal: "444455556666", StatementId: "one" }, output: {} },
      { call: "ListEventBuses", input: { NamePrefix: "conf-shared" }, output: { EventBuses: [{ Name: "conf-shared", Policy: expect.stringContaining('"AWS":"arn:aws:iam::444455556666:root"') }] } },
      { call: "RemovePermission", input: { EventBusName: "conf-shared", StatementId: "nope" }, error: { code: "ResourceNotFoundException", message: "Statement with the provided id does not exist." } },
      { call: "RemovePermission", input: { EventBusName: "conf-shared", StatementId: "one" }, output: {} },
      { call: "DescribeEventBus", input: { Name: "conf-shared" }, output: { Policy: expect.not.stringContaining('"Sid":"one"') } },
      { call: "RemovePermission", input: { EventBusName: "conf-shared", RemoveAllPermissions: true }, output: {} },
      { call: "DescribeEventBus", input: { Name: "conf-shared" }, absent: ["Policy"] },
      { call: "RemovePermission", input: { EventBusName: "conf-shared", RemoveAllPermissions: true }, error: { code: "ResourceNotFoundException", message: "EventBus does not have a policy." } },
      {
        call: "PutPermission",
        input: { EventBusName: "conf-shared", Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "svc", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "events:ListRules", Resource: "*" }] }) },
        output: {},
      },
      { call: "DescribeEventBus", input: { Name: "conf-shared" }, output: { Policy: expect.stringContaining('"Sid":"svc"') } },
      {
        call: "PutPermission",
        input: { EventBusName: "conf-missing-bus", Action: "events:PutEvents", Principal: "*", StatementId: "s" },
        error: { code: "ResourceNotFoundException", message: "Event bus conf-missing-bus does not exist." },
      },
      {
        call: "PutPermission",
        input: { EventBusName: "conf-shared", Action: "events:PutEvents", Principal: "12", StatementId: "s" },
        error: { code: "ValidationException", message: "1 validation error detected: Value '12' at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\d{12}|\\*)" },
      },
    ],
  },
];

export const RULES: Scenario[] = [
  {
    title: "Rules: describe, list, disable, enable, targets, ListRuleNamesByTarget, delete",
    doc: `${API}/API_ListRuleNamesByTarget.html`,
    steps: [
      { call: "CreateEventBus", input: { Name: "conf-rules" }, setup: true },
      { call: "PutRule", input: { Name: "conf-a", EventPattern: PATTERN, Description: "first" }, output: { RuleArn: `${ARN}:rule/conf-a` } },
      { call: "PutRule", input: { Name: "conf-b", EventPattern: PATTERN }, setup: true },
      { call: "PutRule", input: { Name: "conf-c", EventBusName: "conf-rules", EventPattern: PATTERN }, setup: true },
      { call: "PutTargets", input: { Rule: "conf-a", Targets: [{ Id: "q", Arn: QUEUE }] }, output: { FailedEntryCount: 0 } },
      { call: "PutTargets", input: { Rule: "conf-b", Targets: [{ Id: "q", Arn: QUEUE }] }, setup: true },
      { call: "PutTargets", input: { Rule: "conf-c", EventBusName: "conf-rules", Targets: [{ Id: "q", Arn: QUEUE }] }, setup: true },
      { call: "ListRuleNamesByTarget", input: { TargetArn: QUEUE }, output: { RuleNames: ["conf-a", "conf-b"] } },
      { call: "ListRuleNamesByTarget", input: { TargetArn: QUEUE, EventBusName: "conf-rules" }, output: { RuleNames: ["conf-c"] } },
      { call: "ListRuleNamesByTarget", input: { TargetArn: QUEUE, Limit: 1 }, output: { RuleNames: ["conf-a"], NextToken: expect.any(String) } },
      { call: "ListRuleNamesByTarget", input: { TargetArn: QUEUE, EventBusName: "conf-nope" }, error: { code: "ResourceNotFoundException", message: "Event bus conf-nope does not exist." } },
      {
        call: "DescribeRule",
        input: { Name: "conf-a" },
        output: { Name: "conf-a", Arn: `${ARN}:rule/conf-a`, EventPattern: PATTERN, State: "ENABLED", Description: "first", EventBusName: "default", CreatedBy: ACCOUNT },
      },
      { call: "DisableRule", input: { Name: "conf-a" }, output: {} },
      { call: "ListRules", input: { NamePrefix: "conf-a" }, output: { Rules: [{ Name: "conf-a", State: "DISABLED", EventBusName: "default" }] } },
      { call: "EnableRule", input: { Name: "conf-a" }, output: {} },
      { call: "DescribeRule", input: { Name: "conf-a" }, output: { State: "ENABLED" } },
      { call: "DescribeRule", input: { Name: "conf-nope", EventBusName: "conf-rules" }, error: { code: "ResourceNotFoundException", message: "Rule conf-nope does not exist on EventBus conf-rules." } },
      { call: "DeleteRule", input: { Name: "conf-a" }, error: { code: "ValidationException", message: "Rule can't be deleted since it has targets." } },
      { call: "RemoveTargets", input: { Rule: "conf-b", Ids: ["q"] }, output: { FailedEntryCount: 0, FailedEntries: [] } },
      { call: "ListTargetsByRule", input: { Rule: "conf-b" }, output: { Targets: [] } },
      { call: "DeleteRule", input: { Name: "conf-a", Force: true }, output: {} },
      { call: "DescribeRule", input: { Name: "conf-a" }, error: { code: "ResourceNotFoundException", message: "Rule conf-a does not exist on EventBus default." } },
      {
        call: "TestEventPattern",
        input: { EventPattern: PATTERN, Event: JSON.stringify({ id: "1", account: ACCOUNT, source: "com.example", time: "2026-01-01T00:00:00Z", region: "us-east-1", "detail-type": "t", detail: {} }) },
        output: { Result: true },
      },
    ],
  },
  {
    title: "Tags on rules and buses; a missing rule or bus is AWS's ResourceNotFoundException",
    doc: `${API}/API_TagResource.html`,
    steps: [
      { call: "CreateEventBus", input: { Name: "conf-tagged" }, setup: true },
      { call: "PutRule", input: { Name: "conf-tag-rule", EventBusName: "conf-tagged", EventPattern: PATTERN }, setup: true },
      { call: "TagResource", input: { ResourceARN: `${ARN}:rule/conf-tagged/conf-tag-rule`, Tags: [{ Key: "team", Value: "orders" }, { Key: "env", Value: "dev" }] }, output: {} },
      { call: "ListTagsForResource", input: { ResourceARN: `${ARN}:rule/conf-tagged/conf-tag-rule` }, output: { Tags: [{ Key: "env", Value: "dev" }, { Key: "team", Value: "orders" }] } },
      { call: "UntagResource", input: { ResourceARN: `${ARN}:rule/conf-tagged/conf-tag-rule`, TagKeys: ["env"] }, output: {} },
      { call: "ListTagsForResource", input: { ResourceARN: `${ARN}:rule/conf-tagged/conf-tag-rule` }, output: { Tags: [{ Key: "team", Value: "orders" }] } },
      { call: "TagResource", input: { ResourceARN: `${ARN}:event-bus/conf-tagged`, Tags: [{ Key: "team", Value: "orders" }] }, output: {} },
      { call: "ListTagsForResource", input: { ResourceARN: `${ARN}:event-bus/conf-tagged` }, output: { Tags: [{ Key: "team", Value: "orders" }] } },
      { call: "TagResource", input: { ResourceARN: `${ARN}:rule/conf-missing`, Tags: [{ Key: "k", Value: "v" }] }, error: { code: "ResourceNotFoundException", message: "Rule conf-missing does not exist on EventBus default." } },
      { call: "ListTagsForResource", input: { ResourceARN: `${ARN}:rule/conf-tagged/conf-missing` }, error: { code: "ResourceNotFoundException", message: "Rule conf-missing does not exist on EventBus conf-tagged." } },
      { call: "UntagResource", input: { ResourceARN: `${ARN}:event-bus/conf-missing`, TagKeys: ["k"] }, error: { code: "ResourceNotFoundException", message: "Event bus conf-missing does not exist." } },
    ],
  },
];

export const ARCHIVES: Scenario[] = [
  {
    title: "Archives: create, describe, list by source, update, delete, and AWS's errors",
    doc: `${API}/API_UpdateArchive.html`,
    steps: [
      { call: "CreateEventBus", input: { Name: "conf-archived" }, setup: true },
      { call: "CreateArchive", input: { ArchiveName: "conf-arch", EventSourceArn: `${ARN}:event-bus/conf-nope` }, error: { code: "ResourceNotFoundException", message: "Event bus conf-nope does not exist." } },
      {
        call: "CreateArchive",
        input: { ArchiveName: "conf-arch", EventSourceArn: `${ARN}:event-bus/conf-archived`, Description: "all orders", EventPattern: PATTERN, RetentionDays: 7 },
        output: { ArchiveArn: `${ARN}:archive/conf-arch`, State: "ENABLED", CreationTime: "<time>" },
      },
      { call: "CreateArchive", input: { ArchiveName: "conf-arch", EventSourceArn: `${ARN}:event-bus/conf-archived` }, error: { code: "ResourceAlreadyExistsException", message: "Archive conf-arch already exists." } },
      {
        call: "DescribeArchive",
        input: { ArchiveName: "conf-arch" },
        output: { ArchiveArn: `${ARN}:archive/conf-arch`, ArchiveName: "conf-arch", EventSourceArn: `${ARN}:event-bus/conf-archived`, Description: "all orders", EventPattern: PATTERN, State: "ENABLED", RetentionDays: 7, SizeBytes: 0, EventCount: 0 },
      },
      { call: "ListArchives", input: { EventSourceArn: `${ARN}:event-bus/conf-archived` }, output: { Archives: [{ ArchiveName: "conf-arch", EventSourceArn: `${ARN}:event-bus/conf-archived`, State: "ENABLED", RetentionDays: 7 }] } },
      { call: "ListArchives", input: { EventSourceArn: `${ARN}:event-bus/conf-nope` }, error: { code: "ResourceNotFoundException", message: "Event bus conf-nope does not exist." } },
      { call: "UpdateArchive", input: { ArchiveName: "conf-arch" }, error: { code: "ValidationException", message: "At least one of EventPattern, RetentionDays or Description must be provided." } },
      { call: "UpdateArchive", input: { ArchiveName: "conf-nope", Description: "x" }, error: { code: "ResourceNotFoundException", message: "Archive conf-nope does not exist." } },
      { call: "UpdateArchive", input: { ArchiveName: "conf-arch", RetentionDays: 30 }, output: { ArchiveArn: `${ARN}:archive/conf-arch`, State: "ENABLED" } },
      { call: "DescribeArchive", input: { ArchiveName: "conf-arch" }, output: { RetentionDays: 30, Description: "all orders" } },
      { call: "DeleteArchive", input: { ArchiveName: "conf-arch" }, output: {} },
      { call: "DescribeArchive", input: { ArchiveName: "conf-arch" }, error: { code: "ResourceNotFoundException", message: "Archive conf-arch does not exist." } },
    ],
  },
  {
    title: "Replays: StartReplay's errors, an EventEndTime ahead of now, DescribeReplay's Description",
    doc: `${API}/API_StartReplay.html`,
    steps: [
      { call: "CreateEventBus", input: { Name: "conf-replayed" }, setup: true },
      { call: "CreateArchive", input: { ArchiveName: "conf-replay-arch", EventSourceArn: `${ARN}:event-bus/conf-replayed` }, setup: true },
      {
        call: "StartReplay",
        input: () => ({ ReplayName: "conf-r", EventSourceArn: `${ARN}:archive/conf-nope`, EventStartTime: hourAgo(), EventEndTime: new Date(), Destination: { Arn: `${ARN}:event-bus/conf-replayed` } }),
        error: { code: "ValidationException", message: "Parameter EventSourceArn is not valid. Reason: Archive conf-nope does not exist." },
      },
      {
        call: "StartReplay",
        input: () => ({ ReplayName: "conf-r", EventSourceArn: `${ARN}:archive/conf-replay-arch`, EventStartTime: new Date(), EventEndTime: hourAgo(), Destination: { Arn: `${ARN}:event-bus/conf-replayed` } }),
        error: { code: "ValidationException", message: "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime." },
      },
      {
        call: "StartReplay",
        input: () => ({ ReplayName: "conf-r", EventSourceArn: `${ARN}:archive/conf-replay-arch`, EventStartTime: hourAgo(), EventEndTime: new Date(), Destination: { Arn: `${ARN}:event-bus/default` } }),
        error: { code: "ValidationException", message: "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted." },
      },
      {
        call: "StartReplay",
        input: () => ({
          ReplayName: "conf-r",
          Description: "replay of the last hour",
          EventSourceArn: `${ARN}:archive/conf-replay-arch`,
          EventStartTime: hourAgo(),
          EventEndTime: new Date(Date.now() + 60_000),
          Destination: { Arn: `${ARN}:event-bus/conf-replayed` },
        }),
        output: { ReplayArn: `${ARN}:replay/conf-r`, State: "STARTING", ReplayStartTime: "<time>" },
      },
      {
        call: "DescribeReplay",
        input: { ReplayName: "conf-r" },
        output: { ReplayName: "conf-r", ReplayArn: `${ARN}:replay/conf-r`, Description: "replay of the last hour", EventSourceArn: `${ARN}:archive/conf-replay-arch`, Destination: { Arn: `${ARN}:event-bus/conf-replayed` }, EventStartTime: "<time>", EventEndTime: "<time>" },
      },
      {
        call: "StartReplay",
        input: () => ({ ReplayName: "conf-r", EventSourceArn: `${ARN}:archive/conf-replay-arch`, EventStartTime: hourAgo(), EventEndTime: new Date(), Destination: { Arn: `${ARN}:event-bus/conf-replayed` } }),
        error: { code: "ResourceAlreadyExistsException", message: "Replay conf-r already exists." },
      },
      { call: "ListReplays", input: { NamePrefix: "conf-r" }, output: { Replays: [{ ReplayName: "conf-r", EventSourceArn: `${ARN}:archive/conf-replay-arch` }] } },
      { call: "CancelReplay", input: { ReplayName: "conf-nope" }, error: { code: "ResourceNotFoundException", message: "Replay conf-nope does not exist." } },
      { call: "DescribeReplay", input: { ReplayName: "conf-nope" }, error: { code: "ResourceNotFoundException", message: "Replay conf-nope does not exist." } },
    ],
  },
];

const basicAuth = { BasicAuthParameters: { Username: "user", Password: "s3cret-password" } };

export const CONNECTIONS: Scenario[] = [
  {
    title: "Connections and API destinations: states, what DescribeConnection shows (never a secret), update, deauthorize, delete",
    doc: `${API}/API_DescribeConnection.html`,
    steps: [
      {
        call: "CreateConnection",
        as: "basic",
        input: {
          Name: "conf-basic",
          Description: "basic auth",
          AuthorizationType: "BASIC",
          AuthParameters: { ...basicAuth, InvocationHttpParameters: { HeaderParameters: [{ Key: "x-team", Value: "orders", IsValueSecret: false }, { Key: "x-token", Value: "hidden", IsValueSecret: true }] } },
        },
        output: { ConnectionArn: expect.stringMatching(/^arn:aws:events:us-east-1:000000000000:connection\/conf-basic\/[0-9a-f-]{36}$/), ConnectionState: "AUTHORIZED", CreationTime: "<time>", LastModifiedTime: "<time>" },
      },
      { call: "CreateConnection", input: { Name: "conf-basic", AuthorizationType: "BASIC", AuthParameters: basicAuth }, error: { code: "ResourceAlreadyExistsException", message: "Connection conf-basic already exists." } },
      {
        call: "DescribeConnection",
        input: { Name: "conf-basic" },
        output: {
          Name: "conf-basic",
          Description: "basic auth",
          ConnectionState: "AUTHORIZED",
          AuthorizationType: "BASIC",
          AuthParameters: {
            BasicAuthParameters: { Username: "user" },
            InvocationHttpParameters: { HeaderParameters: [{ Key: "x-team", Value: "orders", IsValueSecret: false }, { Key: "x-token", IsValueSecret: true }] },
          },
          LastAuthorizedTime: "<time>",
        },
      },
      {
        call: "CreateApiDestination",
        as: "dest",
        input: (saved) => ({ Name: "conf-dest", Description: "orders webhook", ConnectionArn: saved.basic.ConnectionArn, InvocationEndpoint: "https://example.com/orders", HttpMethod: "POST" }),
        output: { ApiDestinationArn: expect.stringMatching(/^arn:aws:events:us-east-1:000000000000:api-destination\/conf-dest\/[0-9a-f-]{36}$/), ApiDestinationState: "ACTIVE" },
      },
      {
        call: "DescribeApiDestination",
        input: { Name: "conf-dest" },
        output: { Name: "conf-dest", Description: "orders webhook", ApiDestinationState: "ACTIVE", InvocationEndpoint: "https://example.com/orders", HttpMethod: "POST", InvocationRateLimitPerSecond: 300, CreationTime: "<time>", LastModifiedTime: "<time>" },
      },
      { call: "UpdateApiDestination", input: { Name: "conf-dest", InvocationRateLimitPerSecond: 10, HttpMethod: "PUT" }, output: { ApiDestinationState: "ACTIVE", LastModifiedTime: "<time>" } },
      { call: "ListApiDestinations", input: (saved) => ({ ConnectionArn: saved.basic.ConnectionArn }), output: { ApiDestinations: [{ Name: "conf-dest", HttpMethod: "PUT", InvocationRateLimitPerSecond: 10 }] } },
      { call: "UpdateConnection", input: { Name: "conf-basic", AuthParameters: { BasicAuthParameters: { Username: "new-user", Password: "n3w-password" } } }, output: { ConnectionState: "AUTHORIZED", LastAuthorizedTime: "<time>" } },
      { call: "DescribeConnection", input: { Name: "conf-basic" }, output: { AuthParameters: { BasicAuthParameters: { Username: "new-user" } } } },
      { call: "DeauthorizeConnection", input: { Name: "conf-basic" }, output: { ConnectionState: "DEAUTHORIZING" } },
      {
        call: "DescribeConnection",
        input: { Name: "conf-basic" },
        output: { ConnectionState: "DEAUTHORIZED", AuthParameters: { InvocationHttpParameters: { HeaderParameters: [{ Key: "x-team", Value: "orders", IsValueSecret: false }, { Key: "x-token", IsValueSecret: true }] } } },
        absent: ["AuthParameters.BasicAuthParameters"],
      },
      { call: "DescribeApiDestination", input: { Name: "conf-dest" }, output: { ApiDestinationState: "INACTIVE" } },
      { call: "ListConnections", input: { NamePrefix: "conf-basic", ConnectionState: "DEAUTHORIZED" }, output: { Connections: [{ Name: "conf-basic", ConnectionState: "DEAUTHORIZED", AuthorizationType: "BASIC" }] } },
      { call: "DeleteApiDestination", input: { Name: "conf-dest" }, output: {} },
      { call: "DescribeApiDestination", input: { Name: "conf-dest" }, error: { code: "ResourceNotFoundException", message: "Failed to describe the api-destination(s). An api-destination 'conf-dest' does not exist." } },
      { call: "DeleteConnection", input: { Name: "conf-basic" }, output: { ConnectionState: "DELETING" } },
      { call: "DescribeConnection", input: { Name: "conf-basic" }, error: { code: "ResourceNotFoundException", message: "Failed to describe the connection(s). Connection 'conf-basic' does not exist." } },
    ],
  },
  {
    title: "An OAuth connection starts AUTHORIZING; an API destination on it is INACTIVE until it is authorized",
    doc: `${GUIDE}/eb-target-connection-states.html`,
    steps: [
      {
        call: "CreateConnection",
        as: "oauth",
        input: {
          Name: "conf-oauth",
          AuthorizationType: "OAUTH_CLIENT_CREDENTIALS",
          AuthParameters: { OAuthParameters: { ClientParameters: { ClientID: "client", ClientSecret: "client-s3cret" }, AuthorizationEndpoint: "https://auth.example.com/token", HttpMethod: "POST" } },
        },
        output: { ConnectionState: "AUTHORIZING" },
      },
      {
        // Right after the connection: through the SDK, as a CLI process start can take seconds.
        call: "CreateApiDestination",
        setup: true,
        input: (saved) => ({ Name: "conf-oauth-dest", ConnectionArn: saved.oauth.ConnectionArn, InvocationEndpoint: "https://example.com/hook", HttpMethod: "POST" }),
        output: { ApiDestinationState: "INACTIVE" },
      },
      {
        call: "DescribeConnection",
        waitMs: OAUTH_AUTHORIZATION_MS + 500,
        input: { Name: "conf-oauth" },
        output: {
          ConnectionState: "AUTHORIZED",
          AuthParameters: { OAuthParameters: { ClientParameters: { ClientID: "client" }, AuthorizationEndpoint: "https://auth.example.com/token", HttpMethod: "POST" } },
        },
      },
      { call: "DescribeApiDestination", input: { Name: "conf-oauth-dest" }, output: { ApiDestinationState: "ACTIVE" } },
      { call: "CreateApiDestination", input: { Name: "x", ConnectionArn: `${ARN}:connection/conf-nope/0000`, InvocationEndpoint: "https://example.com", HttpMethod: "GET" }, error: { code: "ResourceNotFoundException" } },
    ],
  },
];

const failover = { FailoverConfig: { Primary: { HealthCheck: "arn:aws:route53:::healthcheck/abc-123" }, Secondary: { Route: "us-west-2" } } };
const endpointBuses = (east: string, west: string) => [{ EventBusArn: `${ARN}:event-bus/${east}` }, { EventBusArn: `arn:aws:events:us-west-2:${ACCOUNT}:event-bus/${west}` }];

export const ENDPOINTS: Scenario[] = [
  {
    title: "Global endpoints: create, describe, list, update, delete, and their own checks",
    doc: `${API}/API_CreateEndpoint.html`,
    steps: [
      {
        call: "CreateEndpoint",
        input: { Name: "conf-global", RoutingConfig: failover, EventBuses: endpointBuses("orders", "orders"), ReplicationConfig: { State: "DISABLED" } },
        output: { Name: "conf-global", Arn: `${ARN}:endpoint/conf-global`, State: "CREATING", RoutingConfig: failover, ReplicationConfig: { State: "DISABLED" }, EventBuses: endpointBuses("orders", "orders") },
      },
      { call: "CreateEndpoint", input: { Name: "conf-global", RoutingConfig: failover, EventBuses: endpointBuses("orders", "orders"), ReplicationConfig: { State: "DISABLED" } }, error: { code: "ResourceAlreadyExistsException", message: "Endpoint conf-global already exists." } },
      {
        call: "DescribeEndpoint",
        input: { Name: "conf-global" },
        output: { Name: "conf-global", State: "ACTIVE", EndpointId: expect.stringMatching(/^[a-z0-9]+\.[a-z0-9]+$/), EndpointUrl: expect.stringMatching(/^https:\/\/[a-z0-9]+\.[a-z0-9]+\.endpoint\.events\.amazonaws\.com$/) },
      },
      { call: "ListEndpoints", input: { NamePrefix: "conf-glo" }, output: { Endpoints: [{ Name: "conf-global", State: "ACTIVE" }] } },
      { call: "ListEndpoints", input: { HomeRegion: "eu-west-1" }, output: { Endpoints: [] } },
      {
        call: "UpdateEndpoint",
        input: { Name: "conf-global", Description: "orders failover", ReplicationConfig: { State: "ENABLED" }, RoleArn: `arn:aws:iam::${ACCOUNT}:role/replication` },
        output: { Name: "conf-global", State: "UPDATING", ReplicationConfig: { State: "ENABLED" }, RoleArn: `arn:aws:iam::${ACCOUNT}:role/replication` },
      },
      { call: "DescribeEndpoint", input: { Name: "conf-global" }, output: { Description: "orders failover", State: "ACTIVE" } },
      { call: "DeleteEndpoint", input: { Name: "conf-global" }, output: {} },
      { call: "DescribeEndpoint", input: { Name: "conf-global" }, error: { code: "ResourceNotFoundException", message: "Endpoint conf-global does not exist." } },
      {
        call: "CreateEndpoint",
        input: { Name: "conf-bad", RoutingConfig: failover, EventBuses: endpointBuses("orders", "payments"), ReplicationConfig: { State: "DISABLED" } },
        error: { code: "ValidationException", message: "Parameter EventBuses is not valid. Reason: The names of the event buses must be identical in each Region." },
      },
      {
        call: "CreateEndpoint",
        input: { Name: "conf-bad", RoutingConfig: failover, EventBuses: endpointBuses("orders", "orders") },
        error: { code: "ValidationException", message: "Parameter RoleArn is not valid. Reason: A role is required while event replication is ENABLED." },
      },
      {
        call: "CreateEndpoint",
        input: { Name: "conf-bad", RoutingConfig: { FailoverConfig: { Primary: { HealthCheck: "not-a-health-check" }, Secondary: { Route: "us-west-2" } } }, EventBuses: [{ EventBusArn: `${ARN}:event-bus/orders` }] },
        error: {
          code: "ValidationException",
          message:
            "2 validation errors detected: Value 'not-a-health-check' at 'routingConfig.failoverConfig.primary.healthCheck' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws([a-z]|\\-)*:route53:::healthcheck/[\\-a-z0-9]+$; Value '[EndpointEventBus(eventBusArn=arn:aws:events:us-east-1:000000000000:event-bus/orders)]' at 'eventBuses' failed to satisfy constraint: Member must have length greater than or equal to 2",
        },
      },
    ],
  },
];

const PARTNER = "111111111111";
const CUSTOMER = "222222222222";
const SOURCE = "aws.partner/example.com/123/orders";

export const PARTNER_SOURCES: Scenario[] = [
  {
    title: "Partner event sources: a partner creates one for an account, which receives its events on a partner event bus",
    doc: `${API}/API_CreatePartnerEventSource.html`,
    steps: [
      { call: "CreatePartnerEventSource", account: PARTNER, input: { Name: SOURCE, Account: CUSTOMER }, output: { EventSourceArn: `arn:aws:events:us-east-1::event-source/${SOURCE}` } },
      { call: "CreatePartnerEventSource", account: PARTNER, input: { Name: SOURCE, Account: CUSTOMER }, error: { code: "ResourceAlreadyExistsException", message: `Event source ${SOURCE} already exists.` } },
      { call: "DescribePartnerEventSource", account: PARTNER, input: { Name: SOURCE }, output: { Arn: `arn:aws:events:us-east-1::event-source/${SOURCE}`, Name: SOURCE } },
      { call: "ListPartnerEventSources", account: PARTNER, input: { NamePrefix: "aws.partner/example.com/" }, output: { PartnerEventSources: [{ Arn: `arn:aws:events:us-east-1::event-source/${SOURCE}`, Name: SOURCE }] } },
      { call: "ListPartnerEventSourceAccounts", account: PARTNER, input: { EventSourceName: SOURCE }, output: { PartnerEventSourceAccounts: [{ Account: CUSTOMER, State: "PENDING", CreationTime: "<time>", ExpirationTime: "<time>" }] } },
      { call: "ListEventSources", account: CUSTOMER, input: { NamePrefix: "aws.partner/example.com" }, output: { EventSources: [{ Name: SOURCE, State: "PENDING", CreatedBy: "example.com", Arn: `arn:aws:events:us-east-1::event-source/${SOURCE}` }] } },
      { call: "ActivateEventSource", account: CUSTOMER, input: { Name: SOURCE }, error: { code: "InvalidStateException" } },
      { call: "CreateEventBus", account: CUSTOMER, input: { Name: SOURCE, EventSourceName: SOURCE }, output: { EventBusArn: `arn:aws:events:us-east-1:${CUSTOMER}:event-bus/${SOURCE}` } },
      { call: "DescribeEventSource", account: CUSTOMER, input: { Name: SOURCE }, output: { Name: SOURCE, State: "ACTIVE", CreatedBy: "example.com", CreationTime: "<time>" }, absent: ["ExpirationTime"] },
      {
        call: "PutPartnerEvents",
        account: PARTNER,
        input: { Entries: [{ Source: SOURCE, DetailType: "OrderCreated", Detail: '{"id":1}' }, { Source: "aws.partner/example.com/123/other", DetailType: "x", Detail: "{}" }] },
        output: { FailedEntryCount: 1, Entries: [{ EventId: expect.stringMatching(UUID) }, { ErrorCode: "InvalidArgument" }] },
      },
      { call: "DeactivateEventSource", account: CUSTOMER, input: { Name: SOURCE }, output: {} },
      { call: "DescribeEventSource", account: CUSTOMER, input: { Name: SOURCE }, output: { State: "PENDING" } },
      { call: "DeactivateEventSource", account: CUSTOMER, input: { Name: SOURCE }, error: { code: "InvalidStateException" } },
      { call: "ActivateEventSource", account: CUSTOMER, input: { Name: SOURCE }, output: {} },
      { call: "DescribeEventSource", account: CUSTOMER, input: { Name: SOURCE }, output: { State: "ACTIVE" } },
      { call: "DeletePartnerEventSource", account: PARTNER, input: { Name: SOURCE, Account: CUSTOMER }, output: {} },
      { call: "DescribeEventSource", account: CUSTOMER, input: { Name: SOURCE }, output: { State: "DELETED" } },
      { call: "DescribePartnerEventSource", account: PARTNER, input: { Name: SOURCE }, error: { code: "ResourceNotFoundException", message: `Event source ${SOURCE} does not exist.` } },
      { call: "DescribeEventSource", account: CUSTOMER, input: { Name: "aws.partner/example.com/123/none" }, error: { code: "ResourceNotFoundException", message: "Event source aws.partner/example.com/123/none does not exist." } },
    ],
  },
];

export const ALL_SCENARIOS: Record<string, Scenario[]> = { VALIDATION, BUSES, RULES, ARCHIVES, CONNECTIONS, ENDPOINTS, PARTNER_SOURCES };
