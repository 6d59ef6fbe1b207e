/**
 * The bundled catalogue of sample events: AWS service events with the field shapes AWS documents
 * (EventBridge and service user guides), and the custom events of the starter designs. Texts are
 * built once, pretty-printed, and kept as text: the lab and the starters use them verbatim.
 */
import { encodeBase64Utf8, type EventKind, type LabEvent } from "./events";

export interface CatalogueEntry {
  /** Stable id, e.g. `ec2-state-change`; used as the event id when picked from the catalogue. */
  readonly id: string;
  readonly name: string;
  /** EventBridge events, or a stream record (the Kafka sample). */
  readonly kind: EventKind;
  readonly text: string;
}

export interface CatalogueGroup {
  readonly id: string;
  readonly name: string;
  readonly entries: readonly CatalogueEntry[];
}

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

function envelope(id: string, source: string, detailType: string, time: string, resources: string[], detail: unknown, region = REGION): string {
  return JSON.stringify({ version: "0", id, "detail-type": detailType, source, account: ACCOUNT, time, region, resources, detail }, null, 2);
}

function entry(id: string, name: string, text: string, kind: EventKind = "eventbridge"): CatalogueEntry {
  return { id, name, kind, text };
}

/** A CloudTrail-recorded API call as EventBridge delivers it (detail-type `AWS API Call via CloudTrail`). */
function cloudTrailCall(id: string, time: string, eventName: string, requestParameters: unknown, responseElements: unknown): string {
  return envelope(id, "aws.rds", "AWS API Call via CloudTrail", time, [], {
    eventVersion: "1.08",
    userIdentity: {
      type: "AssumedRole",
      principalId: "AROAEXAMPLEID:admin-session",
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/admin-session`,
      accountId: ACCOUNT,
      accessKeyId: "ASIAEXAMPLEKEYID",
      sessionContext: {
        sessionIssuer: { type: "Role", principalId: "AROAEXAMPLEID", arn: `arn:aws:iam::${ACCOUNT}:role/Admin`, accountId: ACCOUNT, userName: "Admin" },
        attributes: { creationDate: "2026-03-02T09:12:40Z", mfaAuthenticated: "false" },
      },
    },
    eventTime: time,
    eventSource: "rds.amazonaws.com",
    eventName,
    awsRegion: REGION,
    sourceIPAddress: "203.0.113.24",
    userAgent: "aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64.amzn.2023 command/rds",
    requestParameters,
    responseElements,
    requestID: "a8c3f6d2-61b4-4f0e-9d3f-2b7c1e5a9e10",
    eventID: "5b1f2c3d-7e8f-4a9b-8c7d-6e5f4a3b2c1d",
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
  });
}

const AWS_SERVICES: CatalogueGroup = {
  id: "aws-services",
  name: "AWS service events",
  entries: [
    entry(
      "ec2-state-change",
      "EC2 Instance State-change Notification (running)",
      envelope("7bf73129-1428-4cd3-a780-95db273d1602", "aws.ec2", "EC2 Instance State-change Notification", "2026-03-02T10:15:30Z", [`arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-1234567890abcdef0`], {
        "instance-id": "i-1234567890abcdef0",
        state: "running",
      }),
    ),
    entry(
      "ec2-state-change-stopped",
      "EC2 Instance State-change Notification (stopped)",
      envelope("a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "aws.ec2", "EC2 Instance State-change Notification", "2026-03-02T18:02:11Z", [`arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0fedcba9876543210`], {
        "instance-id": "i-0fedcba9876543210",
        state: "stopped",
      }),
    ),
    entry(
      "s3-object-created",
      "S3 Object Created",
      envelope("17793124-05d4-b198-2fde-7ededc63b103", "aws.s3", "Object Created", "2026-03-02T11:20:05Z", ["arn:aws:s3:::amzn-s3-demo-bucket"], {
        version: "0",
        bucket: { name: "amzn-s3-demo-bucket" },
        object: { key: "uploads/2026/03/report.csv", size: 5_242_880, etag: "b1946ac92492d2347c6235b4d2611184", "version-id": "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", sequencer: "00617F08299329D189" },
        "request-id": "N4N7GDK58NMKJ12R",
        requester: ACCOUNT,
        "source-ip-address": "198.51.100.7",
        reason: "PutObject",
      }),
    ),
    entry(
      "scheduled-event",
      "Scheduled Event",
      envelope("89d1a02d-5ec7-412e-82f5-13505f849b41", "aws.events", "Scheduled Event", "2026-03-02T12:00:00Z", [`arn:aws:events:${REGION}:${ACCOUNT}:rule/nightly-report`], {}),
    ),
    entry(
      "ecs-task-state-change",
      "ECS Task State Change (STOPPED)",
      envelope("3317b2af-7005-947d-b652-f55e762e571a", "aws.ecs", "ECS Task State Change", "2026-03-02T13:41:27Z", [`arn:aws:ecs:${REGION}:${ACCOUNT}:task/orders/b99d40b3c4ce4a48b6a3c7d1e2f3a4b5`], {
        clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/orders`,
        taskArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/orders/b99d40b3c4ce4a48b6a3c7d1e2f3a4b5`,
        taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/orders-api:12`,
        group: "service:orders-api",
        launchType: "FARGATE",
        lastStatus: "STOPPED",
        desiredStatus: "STOPPED",
        stopCode: "EssentialContainerExited",
        stoppedReason: "Essential container in task exited",
        containers: [
          {
            containerArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:container/orders/b99d40b3c4ce4a48b6a3c7d1e2f3a4b5/4c1d1b7a-2f3e-4d5c-9b8a-7f6e5d4c3b2a`,
            name: "api",
            lastStatus: "STOPPED",
            exitCode: 137,
            taskArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/orders/b99d40b3c4ce4a48b6a3c7d1e2f3a4b5`,
          },
        ],
        createdAt: "2026-03-02T13:30:01.402Z",
        startedAt: "2026-03-02T13:30:40.117Z",
        stoppingAt: "2026-03-02T13:41:20.923Z",
        stoppedAt: "2026-03-02T13:41:27.615Z",
        cpu: "256",
        memory: "512",
        version: 4,
      }),
    ),
    entry(
      "codepipeline-execution",
      "CodePipeline Pipeline Execution State Change (FAILED)",
      envelope("01234567-0123-0123-0123-012345678901", "aws.codepipeline", "CodePipeline Pipeline Execution State Change", "2026-03-02T14:05:12Z", [`arn:aws:codepipeline:${REGION}:${ACCOUNT}:myPipeline`], {
        pipeline: "myPipeline",
        "execution-id": "01234567-0123-0123-0123-012345678901",
        "execution-trigger": { "trigger-type": "StartPipelineExecution", "trigger-detail": `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/my-user` },
        state: "FAILED",
        version: 1,
        "pipeline-execution-attempt": 1,
      }),
    ),
    entry(
      "guardduty-finding",
      "GuardDuty Finding (severity 8)",
      envelope("c8c4daa7-a20c-2f03-0070-b7393dd542ad", "aws.guardduty", "GuardDuty Finding", "2026-03-02T15:22:48Z", [], {
        schemaVersion: "2.0",
        accountId: ACCOUNT,
        region: REGION,
        partition: "aws",
        id: "16afba5c5c43e07c9e3e5e2e544e95df",
        arn: `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/123456789012abcdef/finding/16afba5c5c43e07c9e3e5e2e544e95df`,
        type: "UnauthorizedAccess:EC2/SSHBruteForce",
        resource: {
          resourceType: "Instance",
          instanceDetails: { instanceId: "i-99999999", instanceType: "m3.xlarge", availabilityZone: "us-east-1a", networkInterfaces: [{ privateIpAddress: "10.0.0.1", publicIp: "198.51.100.0", subnetId: "subnet-abcdef01", vpcId: "vpc-12345678" }] },
        },
        severity: 8,
        createdAt: "2026-03-02T15:10:02.214Z",
        updatedAt: "2026-03-02T15:22:31.522Z",
        title: "198.51.100.0 is performing SSH brute force attacks against i-99999999.",
        description: "198.51.100.0 is performing SSH brute force attacks against i-99999999. Brute force attacks are used to gain unauthorized access to your instance by guessing the SSH password.",
        service: {
          serviceName: "guardduty",
          detectorId: "123456789012abcdef",
          action: { actionType: "NETWORK_CONNECTION", networkConnectionAction: { connectionDirection: "INBOUND", remoteIpDetails: { ipAddressV4: "198.51.100.0", country: { countryName: "GeneratedFindingCountryName" } }, protocol: "TCP", blocked: false } },
          count: 12,
          archived: false,
        },
      }),
    ),
    entry(
      "health-event",
      "AWS Health Event (EC2 operational issue)",
      envelope("7bf73129-1428-4cd3-a780-95db273d1602", "aws.health", "AWS Health Event", "2026-03-02T16:00:00Z", [], {
        eventArn: `arn:aws:health:${REGION}::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_7f35c8ae-af1f-54e6-a526-d0179ed6d68f`,
        service: "EC2",
        eventTypeCode: "AWS_EC2_OPERATIONAL_ISSUE",
        eventTypeCategory: "issue",
        eventScopeCode: "PUBLIC",
        communicationId: "01b0993207d81a09dcd552ebd1e633e36cf1f09a-1",
        startTime: "Mon, 02 Mar 2026 15:40:00 GMT",
        lastUpdatedTime: "Mon, 02 Mar 2026 16:00:00 GMT",
        statusCode: "open",
        eventRegion: REGION,
        eventDescription: [{ language: "en_US", latestDescription: "We are investigating increased API error rates in the US-EAST-1 Region." }],
        affectedAccount: ACCOUNT,
        page: "1",
        totalPages: "1",
      }),
    ),
    entry(
      "autoscaling-launch",
      "EC2 Instance Launch Successful (Auto Scaling)",
      envelope("3e3c153a-8339-4e30-8c35-687ebef853fe", "aws.autoscaling", "EC2 Instance Launch Successful", "2026-03-02T17:31:59Z", [
        `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/web-asg`,
        `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-b188560f`,
      ], {
        StatusCode: "InProgress",
        AutoScalingGroupName: "web-asg",
        ActivityId: "9cabb81f-42de-417d-8aa7-ce16bf026590",
        Details: { "Availability Zone": "us-east-1b", "Subnet ID": "subnet-95bfcebe" },
        RequestId: "9cabb81f-42de-417d-8aa7-ce16bf026590",
        EndTime: "2026-03-02T17:31:59.096Z",
        EC2InstanceId: "i-b188560f",
        StartTime: "2026-03-02T17:31:26.716Z",
        Cause: "At 2026-03-02T17:31:24Z a user request update of AutoScalingGroup constraints to min: 1, max: 4, desired: 2 changing the desired capacity from 1 to 2. At 2026-03-02T17:31:25Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 1 to 2.",
        Origin: "EC2",
        Destination: "AutoScalingGroup",
      }),
    ),
  ],
};

const RDS_CALLS: CatalogueGroup = {
  id: "starter-rds-autotag",
  name: "Tag every new database (CloudTrail RDS calls)",
  entries: [
    entry(
      "rds-create-db-instance",
      "CloudTrail: RDS CreateDBInstance",
      cloudTrailCall(
        "6f3c1a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        "2026-03-02T09:14:03Z",
        "CreateDBInstance",
        { dBInstanceIdentifier: "orders-db", dBInstanceClass: "db.t3.micro", engine: "mysql", masterUsername: "admin", allocatedStorage: 20, multiAZ: false, publiclyAccessible: false, storageEncrypted: true },
        {
          dBInstanceIdentifier: "orders-db",
          dBInstanceClass: "db.t3.micro",
          engine: "mysql",
          dBInstanceStatus: "creating",
          masterUsername: "admin",
          allocatedStorage: 20,
          engineVersion: "8.0.35",
          dbiResourceId: "db-ABCDEFGHIJKLMNOPQRSTUVWXY1",
          dBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`,
        },
      ),
    ),
    entry(
      "rds-create-db-cluster",
      "CloudTrail: RDS CreateDBCluster (Aurora)",
      cloudTrailCall(
        "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
        "2026-03-02T09:20:44Z",
        "CreateDBCluster",
        { dBClusterIdentifier: "orders-aurora", engine: "aurora-postgresql", engineVersion: "16.1", masterUsername: "postgres", storageEncrypted: true },
        {
          dBClusterIdentifier: "orders-aurora",
          engine: "aurora-postgresql",
          engineVersion: "16.1",
          status: "creating",
          endpoint: `orders-aurora.cluster-c1a2b3c4d5e6.${REGION}.rds.amazonaws.com`,
          dbClusterResourceId: "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2",
          dBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:orders-aurora`,
        },
      ),
    ),
    entry(
      "rds-modify-db-instance",
      "CloudTrail: RDS ModifyDBInstance",
      cloudTrailCall(
        "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
        "2026-03-02T10:02:19Z",
        "ModifyDBInstance",
        { dBInstanceIdentifier: "orders-db", dBInstanceClass: "db.t3.small", applyImmediately: true },
        { dBInstanceIdentifier: "orders-db", dBInstanceClass: "db.t3.micro", dBInstanceStatus: "modifying", dBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db` },
      ),
    ),
  ],
};

const PRODUCT_DETAIL = { userId: "user-123", name: "My First Book", category: "Finance", price: 100, insertedId: 1 };

const PRODUCTS: CatalogueGroup = {
  id: "starter-log-products",
  name: "Log every new product",
  entries: [
    entry("add-product", "add-product (log.addProduct)", envelope("4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", "log.addProduct", "add-product", "2026-03-02T08:30:00Z", [], PRODUCT_DETAIL, "eu-west-1")),
    entry("add-product-other-source", "add-product from another source", envelope("5f6a7b8c-9d0e-4f1a-b2c3-d4e5f6a7b8c9", "log.inventory", "add-product", "2026-03-02T08:31:00Z", [], PRODUCT_DETAIL, "eu-west-1")),
  ],
};

function payment(id: string, time: string, totalCost: number | string): string {
  return envelope(id, "demo.payments", "Payment Processed", time, [], {
    total_cost: totalCost,
    customer_id: "customer-4711",
    address: { street: "12 Harbour Road", city: "Seattle", zip: "98101", country: "US" },
    items: [
      { sku: "BK-1001", name: "Event-driven architectures", quantity: 1, price: typeof totalCost === "number" && totalCost < 200 ? 150 : 199.99 },
      { sku: "MG-2002", name: "Coffee mug", quantity: 1, price: typeof totalCost === "number" && totalCost < 200 ? 0 : 42.59 },
    ],
  });
}

const PAYMENTS: CatalogueGroup = {
  id: "starter-payments",
  name: "Reward big payments (demo.payments)",
  entries: [
    entry("payment-242", "Payment Processed, total 242.58", payment("0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a", "2026-03-02T12:10:00Z", 242.58)),
    entry("payment-150", "Payment Processed, total 150", payment("1e2f3a4b-5c6d-4e7f-9a8b-0c1d2e3f4a5b", "2026-03-02T12:11:00Z", 150)),
    entry("payment-string-total", 'Payment Processed, total "242.58" (a string)', payment("2f3a4b5c-6d7e-4f8a-8b9c-1d2e3f4a5b6c", "2026-03-02T12:12:00Z", "242.58")),
  ],
};

const SECURITY: CatalogueGroup = {
  id: "starter-security-round-trip",
  name: "Two services talking through one bus",
  entries: [
    entry(
      "answer-event",
      "AnswerEvent (user-service.ddb-stream)",
      envelope("3a4b5c6d-7e8f-4a9b-8c0d-2e3f4a5b6c7d", "user-service.ddb-stream", "AnswerEvent", "2026-03-02T15:01:00Z", [], {
        answer: { userId: "user-42", questionId: "q-mfa-enabled", value: "yes", updatedAt: "2026-03-02T15:00:58Z" },
        state: "new",
      }),
    ),
    entry(
      "report-event",
      "ReportEvent (security-service.rating)",
      envelope("4b5c6d7e-8f9a-4b0c-9d1e-3f4a5b6c7d8e", "security-service.rating", "ReportEvent", "2026-03-02T15:01:02Z", [], {
        report: { userId: "user-42", score: 87, rating: "B", findings: ["Password older than 90 days"], generatedAt: "2026-03-02T15:01:01Z" },
      }),
    ),
  ],
};

/** A Kafka record as Lambda receives it from Amazon MSK: `key` and `value` base64, headers as byte arrays. */
function kafkaRecord(offset: number, timestamp: number, customer: Record<string, unknown>): string {
  return JSON.stringify(
    {
      topic: "customer",
      partition: 0,
      offset,
      timestamp,
      timestampType: "CREATE_TIME",
      key: encodeBase64Utf8(String(customer.id)),
      value: encodeBase64Utf8(JSON.stringify(customer)),
      headers: [{ source: [99, 114, 109] }],
    },
    null,
    2,
  );
}

const KAFKA: CatalogueGroup = {
  id: "starter-msk-customer",
  name: "Kafka topic customer (MSK record as Lambda receives it)",
  entries: [
    entry(
      "kafka-customer-wa",
      "Kafka record: customer in WA",
      kafkaRecord(15, 1772445000123, { id: "c-1001", firstname: "Jane", lastname: "Doe", company: "Example Corp", street: "12 Harbour Road", city: "Seattle", state: "WA", zip: "98101", email: "jane.doe@example.com" }),
      "kafka",
    ),
    entry(
      "kafka-customer-ny",
      "Kafka record: customer in NY",
      kafkaRecord(16, 1772445001456, { id: "c-1002", firstname: "Carlos", lastname: "Salazar", company: "AnyCompany", street: "100 Main Street", city: "New York", state: "NY", zip: "10001", email: "carlos@example.com" }),
      "kafka",
    ),
  ],
};

export const CATALOGUE: readonly CatalogueGroup[] = [AWS_SERVICES, RDS_CALLS, PRODUCTS, PAYMENTS, SECURITY, KAFKA];

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  for (const group of CATALOGUE) for (const e of group.entries) if (e.id === id) return e;
  return undefined;
}

export function catalogueEntryEvent(e: CatalogueEntry): LabEvent {
  return { id: e.id, name: e.name, text: e.text, origin: "catalogue" };
}

/** The events of one group, as lab events. */
export function catalogueGroupEvents(groupId: string): LabEvent[] {
  return (CATALOGUE.find((g) => g.id === groupId)?.entries ?? []).map(catalogueEntryEvent);
}

/**
 * Every EventBridge event of the catalogue once (no count), or `count` of them cycling through the
 * catalogue with a fresh id and time per copy (for large sets and benchmarks).
 */
export function catalogueEvents(count?: number): LabEvent[] {
  const entries = CATALOGUE.flatMap((g) => g.entries).filter((e) => e.kind === "eventbridge");
  if (count === undefined) return entries.map(catalogueEntryEvent);
  const events: LabEvent[] = [];
  const start = Date.UTC(2026, 2, 2, 0, 0, 0);
  for (let i = 0; i < count; i++) {
    const source = entries[i % entries.length]!;
    const copy = JSON.parse(source.text) as Record<string, unknown>;
    copy.id = syntheticUuid(i);
    copy.time = new Date(start + i * 37_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    events.push({ id: `catalogue-${i + 1}`, name: source.name, text: JSON.stringify(copy, null, 2), origin: "catalogue" });
  }
  return events;
}

function syntheticUuid(n: number): string {
  const hex = (n + 1).toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}
