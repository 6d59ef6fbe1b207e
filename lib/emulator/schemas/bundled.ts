/**
 * The schemas bundled with the app, served by the Schemas-compatible endpoint: a few of the
 * `aws.events` registry's event schemas (OpenAPI 3, as AWS publishes them) so the lab can offer
 * samples offline through the same client code it uses against AWS.
 */

export interface BundledSchema {
  readonly registry: string;
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly lastModified: string;
  readonly content: string;
}

export const REGISTRIES = ["aws.events", "discovered-schemas"] as const;

interface Field {
  readonly type: string;
  readonly format?: string;
}

/** One event schema in AWS's OpenAPI layout: AWSEvent envelope plus the detail's components. */
function eventSchema(title: string, source: string, detailType: string, detail: Record<string, Field>, required: string[]): string {
  const detailName = title.replace(/[^A-Za-z0-9]/g, "");
  return JSON.stringify(
    {
      openapi: "3.0.0",
      info: { version: "1.0.0", title },
      paths: {},
      components: {
        schemas: {
          AWSEvent: {
            type: "object",
            required: ["detail-type", "resources", "detail", "id", "source", "time", "region", "version", "account"],
            "x-amazon-events-detail-type": detailType,
            "x-amazon-events-source": source,
            properties: {
              detail: { $ref: `#/components/schemas/${detailName}` },
              account: { type: "string" },
              "detail-type": { type: "string" },
              id: { type: "string" },
              region: { type: "string" },
              resources: { type: "array", items: { type: "string" } },
              source: { type: "string" },
              time: { type: "string", format: "date-time" },
              version: { type: "string" },
            },
          },
          [detailName]: { type: "object", required, properties: detail },
        },
      },
    },
    null,
    2,
  );
}

const MODIFIED = "2024-05-01T00:00:00Z";

export const BUNDLED_SCHEMAS: readonly BundledSchema[] = [
  {
    registry: "aws.events",
    name: "aws.ec2@EC2InstanceStateChangeNotification",
    description: "Schema for event type EC2InstanceStateChangeNotification, published by AWS service aws.ec2",
    version: "1",
    lastModified: MODIFIED,
    content: eventSchema(
      "EC2InstanceStateChangeNotification",
      "aws.ec2",
      "EC2 Instance State-change Notification",
      { "instance-id": { type: "string" }, state: { type: "string" } },
      ["instance-id", "state"],
    ),
  },
  {
    registry: "aws.events",
    name: "aws.s3@ObjectCreated",
    description: "Schema for event type ObjectCreated, published by AWS service aws.s3",
    version: "1",
    lastModified: MODIFIED,
    content: eventSchema(
      "ObjectCreated",
      "aws.s3",
      "Object Created",
      { version: { type: "string" }, bucket: { type: "object" }, object: { type: "object" }, "request-id": { type: "string" }, requester: { type: "string" }, reason: { type: "string" } },
      ["bucket", "object", "reason"],
    ),
  },
  {
    registry: "aws.events",
    name: "aws.codepipeline@CodePipelinePipelineExecutionStateChange",
    description: "Schema for event type CodePipelinePipelineExecutionStateChange, published by AWS service aws.codepipeline",
    version: "1",
    lastModified: MODIFIED,
    content: eventSchema(
      "CodePipelinePipelineExecutionStateChange",
      "aws.codepipeline",
      "CodePipeline Pipeline Execution State Change",
      { pipeline: { type: "string" }, "execution-id": { type: "string" }, state: { type: "string" }, version: { type: "number" } },
      ["pipeline", "execution-id", "state"],
    ),
  },
  {
    registry: "aws.events",
    name: "aws.scheduler@ScheduledEvent",
    description: "Schema for event type ScheduledEvent, published by AWS service aws.events",
    version: "1",
    lastModified: MODIFIED,
    content: eventSchema("ScheduledEvent", "aws.events", "Scheduled Event", {}, []),
  },
];
