/**
 * The bundled catalogue of sample events: AWS service events with the field shapes AWS documents
 * (EventBridge and service user guides), and the sample events of the starter designs (taken from
 * lib/starters). Texts are built once, pretty-printed, and kept as text.
 */
import { STARTERS } from "@/lib/starters";
import type { EventKind, LabEvent } from "./events";
import { streamKindOf } from "./expectations";

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

/** The starter designs' own samples, one group per starter: they are defined once, in lib/starters. */
const STARTER_GROUPS: readonly CatalogueGroup[] = STARTERS.map((starter) => {
  const design = starter.design();
  const producers = new Map(design.nodes.map((node) => [node.id, node]));
  return {
    id: `starter-${starter.id}`,
    name: `Starter: ${starter.title}`,
    entries: (design.samples ?? []).map((sample) => {
      const producer = sample.producer === undefined ? undefined : producers.get(sample.producer);
      return entry(sample.id, sample.name, sample.event, (producer && streamKindOf(producer)) ?? "eventbridge");
    }),
  };
});

export const CATALOGUE: readonly CatalogueGroup[] = [AWS_SERVICES, ...STARTER_GROUPS];

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
