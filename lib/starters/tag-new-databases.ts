/** Starter 1: CloudTrail records RDS's CreateDBInstance; a rule on the default bus invokes `autotag`. */
import type { Design } from "@/lib/graph";
import { at, defaultBus, design, envelope, verdicts, lambda, rule, sample } from "./build";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** A CloudTrail-recorded RDS API call as the default bus receives it. */
function rdsApiCall(id: string, time: string, eventName: string, requestParameters: unknown, responseElements: unknown): string {
  return envelope({
    id,
    source: "aws.rds",
    detailType: "AWS API Call via CloudTrail",
    account: ACCOUNT,
    region: REGION,
    time,
    detail: {
      eventVersion: "1.08",
      userIdentity: {
        type: "AssumedRole",
        principalId: "AROAEXAMPLEID:dba",
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/DatabaseAdmin/dba`,
        accountId: ACCOUNT,
      },
      eventTime: time,
      eventSource: "rds.amazonaws.com",
      eventName,
      awsRegion: REGION,
      sourceIPAddress: "203.0.113.17",
      userAgent: "aws-cli/2.15.0",
      requestParameters,
      responseElements,
      requestID: `${id.slice(0, 8)}-5d1c-4c55-9a3b-0f6a1c2d3e4f`,
      eventID: `${id.slice(0, 8)}-7e2a-4b1d-8c9e-1a2b3c4d5e6f`,
      readOnly: false,
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: "Management",
    },
  });
}

export function tagNewDatabases(): Design {
  return design({
    name: "Tag every new database",
    description: "CloudTrail records RDS's CreateDBInstance; the default bus matches it and invokes autotag, which tags the new instance.",
    nodes: [
      {
        id: "rds",
        kind: "aws-service",
        position: at(0, 1),
        source: "aws.rds",
        emits: { type: "api-calls", eventNames: ["CreateDBInstance", "CreateDBCluster", "ModifyDBInstance"] },
        notes: "RDS API calls recorded by CloudTrail (a trail must record management events).",
      },
      defaultBus("default-bus", at(1, 1)),
      rule("rds-created", at(2, 1), {
        name: "rule-rds-created",
        description: "Triggers Lambda when new RDS instance are created",
        pattern: {
          source: ["aws.rds"],
          "detail-type": ["AWS API Call via CloudTrail"],
          detail: { eventSource: ["rds.amazonaws.com"], eventName: ["CreateDBInstance"] },
        },
        expectations: [...verdicts(["create-instance"], "match"), ...verdicts(["create-cluster", "modify-instance"], "no-match")],
      }),
      lambda(
        "autotag",
        at(3, 1),
        "autotag",
        [
          "Runtime: Python 3.12 on arm64, 128 MB memory, 300 s timeout.",
          "Environment: TAG_KEY, TAG_VALUE (the tag to add).",
          "Tags the new instance (detail.responseElements.dBInstanceArn) with rds:AddTagsToResource.",
          "It also handles CreateDBCluster (Aurora, detail.responseElements.dBClusterArn), which rule-rds-created does not match: add \"CreateDBCluster\" to the rule's eventName to tag clusters too.",
        ].join("\n"),
      ),
      { id: "instances", kind: "database", position: at(4, 1), engine: "Amazon RDS", name: "new DB instances (tagged)" },
    ],
    links: [
      ["rds", "default-bus"],
      ["default-bus", "rds-created"],
      ["rds-created", "autotag"],
      ["autotag", "instances"],
    ],
    samples: [
      sample(
        "create-instance",
        "CreateDBInstance (MySQL instance orders-db)",
        "rds",
        rdsApiCall(
          "6f1c1a42-3d6b-4b7e-9b0f-2c8a9d4e5f01",
          "2026-03-02T09:15:27Z",
          "CreateDBInstance",
          { dBInstanceIdentifier: "orders-db", dBInstanceClass: "db.t4g.micro", engine: "mysql", allocatedStorage: 20, masterUsername: "admin", multiAZ: false },
          {
            dBInstanceIdentifier: "orders-db",
            dBInstanceClass: "db.t4g.micro",
            engine: "mysql",
            dBInstanceStatus: "creating",
            dBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`,
            dbiResourceId: "db-ABCDEFGHIJKLMNOPQRSTUVWXY1",
          },
        ),
      ),
      sample(
        "create-cluster",
        "CreateDBCluster (Aurora cluster reports-cluster)",
        "rds",
        rdsApiCall(
          "0b7e4d2c-9a61-4f3e-8d2b-5c6a7e8f9a02",
          "2026-03-02T09:20:03Z",
          "CreateDBCluster",
          { dBClusterIdentifier: "reports-cluster", engine: "aurora-postgresql", masterUsername: "postgres" },
          {
            dBClusterIdentifier: "reports-cluster",
            engine: "aurora-postgresql",
            status: "creating",
            dBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:reports-cluster`,
            dbClusterResourceId: "cluster-ABCDEFGHIJKLMNOPQRSTUVW2",
          },
        ),
      ),
      sample(
        "modify-instance",
        "ModifyDBInstance (orders-db resized)",
        "rds",
        rdsApiCall(
          "a3d9e5f1-2b4c-4d6e-8f0a-1b2c3d4e5f03",
          "2026-03-02T10:02:45Z",
          "ModifyDBInstance",
          { dBInstanceIdentifier: "orders-db", dBInstanceClass: "db.t4g.small", applyImmediately: true },
          {
            dBInstanceIdentifier: "orders-db",
            dBInstanceClass: "db.t4g.micro",
            dBInstanceStatus: "available",
            dBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`,
            pendingModifiedValues: { dBInstanceClass: "db.t4g.small" },
          },
        ),
      ),
    ],
  });
}
