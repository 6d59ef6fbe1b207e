/** The Schemas-compatible endpoint through `@aws-sdk/client-schemas`. */
import {
  DescribeSchemaCommand,
  ListRegistriesCommand,
  ListSchemasCommand,
  SchemasClient,
  SearchSchemasCommand,
} from "@aws-sdk/client-schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";
import { BUNDLED_SCHEMAS } from "./bundled";

let endpoint: TestEndpoint;
let schemas: SchemasClient;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  schemas = new SchemasClient({ endpoint: endpoint.url, region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
});

afterAll(() => endpoint.close());

describe("Schemas registry through @aws-sdk/client-schemas", () => {
  it("lists the registries, with paging", async () => {
    const all = await schemas.send(new ListRegistriesCommand({}));
    expect(all.Registries?.map((r) => r.RegistryName)).toEqual(["aws.events", "discovered-schemas"]);
    expect(all.Registries?.[0].RegistryArn).toBe("arn:aws:schemas:us-east-1:aws:registry/aws.events");
    const first = await schemas.send(new ListRegistriesCommand({ Limit: 1 }));
    expect(first.Registries).toHaveLength(1);
    const second = await schemas.send(new ListRegistriesCommand({ Limit: 1, NextToken: first.NextToken }));
    expect(second.Registries?.[0].RegistryName).toBe("discovered-schemas");
    expect(second.NextToken).toBeUndefined();
  });

  it("lists the schemas of a registry by prefix", async () => {
    const listed = await schemas.send(new ListSchemasCommand({ RegistryName: "aws.events", SchemaNamePrefix: "aws.s3" }));
    expect(listed.Schemas?.map((s) => s.SchemaName)).toEqual(["aws.s3@ObjectCreated"]);
    expect(listed.Schemas?.[0].LastModified).toBeInstanceOf(Date);
  });

  it("describes a schema with its OpenAPI content", async () => {
    const schema = await schemas.send(new DescribeSchemaCommand({ RegistryName: "aws.events", SchemaName: "aws.ec2@EC2InstanceStateChangeNotification" }));
    expect(schema.Type).toBe("OpenApi3");
    expect(schema.SchemaVersion).toBe("1");
    const content = JSON.parse(schema.Content!);
    expect(content.components.schemas.AWSEvent["x-amazon-events-source"]).toBe("aws.ec2");
    expect(schema.Content).toBe(BUNDLED_SCHEMAS[0].content);
  });

  it("searches by keyword", async () => {
    const found = await schemas.send(new SearchSchemasCommand({ RegistryName: "aws.events", Keywords: "pipeline" }));
    expect(found.Schemas?.map((s) => s.SchemaName)).toEqual(["aws.codepipeline@CodePipelinePipelineExecutionStateChange"]);
    expect(found.Schemas?.[0].SchemaVersions?.[0].SchemaVersion).toBe("1");
  });

  it("answers NotFoundException for a missing registry or schema", async () => {
    await expect(schemas.send(new ListSchemasCommand({ RegistryName: "nope" }))).rejects.toMatchObject({
      name: "NotFoundException",
      message: "Registry with name nope does not exist.",
      $metadata: { httpStatusCode: 404 },
    });
    await expect(schemas.send(new DescribeSchemaCommand({ RegistryName: "aws.events", SchemaName: "aws.none@X" }))).rejects.toMatchObject({
      name: "NotFoundException",
    });
  });
});
