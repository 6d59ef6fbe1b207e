/**
 * The schema registry the lab and the AWS page browse: AWS's Schemas service when an AWS
 * connection is configured (through the same client, credentials and `sendAws` as every other
 * AWS call, so the local endpoint's credential fallback applies), otherwise the schemas bundled
 * with the app (the same data the app serves at /v1/registries), read directly.
 */
import { DescribeSchemaCommand, ListRegistriesCommand, ListSchemasCommand, SearchSchemasCommand, type SchemasClient } from "@aws-sdk/client-schemas";
import { BUNDLED_SCHEMAS, REGISTRIES } from "@/lib/emulator/schemas/bundled";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { currentAwsConnection, schemasClientFor, type AwsConnectionSettings } from "./connection";
import { sendAws } from "./errors";

export type RegistrySource = "aws" | "bundled";

export interface SchemaSummary {
  readonly name: string;
  readonly description?: string;
}

export interface SchemaDocument {
  readonly registry: string;
  readonly name: string;
  readonly version: string;
  readonly type: string;
  readonly description?: string;
  /** The schema text (OpenAPI 3 or JSON Schema draft 4), exactly as the registry returned it. */
  readonly content: string;
}

/** At most this many schemas per listing: enough to browse, small enough for one answer. */
const MAX_SCHEMAS = 500;

/** Which registry to use: `requested` when given, else AWS when configured, else the bundled one. */
export async function resolveSource(requested: string | null): Promise<{ source: RegistrySource; connection: AwsConnectionSettings | null }> {
  if (requested !== null && requested !== "aws" && requested !== "bundled") {
    throw new ValidationError(`source must be "aws" or "bundled", not "${requested}"`);
  }
  const connection = await currentAwsConnection();
  if (requested === "aws" && connection === null) throw new ValidationError("AWS is not configured on this server");
  const source: RegistrySource = requested === "bundled" || connection === null ? "bundled" : "aws";
  return { source, connection };
}

/** Runs `work` with a Schemas client for the connection, destroyed afterwards. */
async function withClient<T>(connection: AwsConnectionSettings, work: (client: SchemasClient) => Promise<T>): Promise<T> {
  const client = schemasClientFor(connection);
  try {
    return await work(client);
  } finally {
    client.destroy();
  }
}

export async function listRegistries(source: RegistrySource, connection: AwsConnectionSettings | null): Promise<string[]> {
  if (source === "bundled" || connection === null) return [...REGISTRIES];
  return withClient(connection, async (client) => {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await sendAws(client, new ListRegistriesCommand({ NextToken: token, Limit: 100 }), { endpoint: connection.endpoint });
      names.push(...(page.Registries ?? []).flatMap((r) => (r.RegistryName ? [r.RegistryName] : [])));
      token = page.NextToken;
    } while (token && names.length < MAX_SCHEMAS);
    return names;
  });
}

/** The registry's schemas, or those whose name or description contains `keywords`. */
export async function listSchemas(source: RegistrySource, connection: AwsConnectionSettings | null, registry: string, keywords: string): Promise<SchemaSummary[]> {
  const wanted = keywords.trim().toLowerCase();
  if (source === "bundled" || connection === null) {
    if (!(REGISTRIES as readonly string[]).includes(registry)) throw new NotFoundError(`Registry with name ${registry} does not exist.`);
    return BUNDLED_SCHEMAS.filter((s) => s.registry === registry)
      .filter((s) => wanted === "" || s.name.toLowerCase().includes(wanted) || s.description.toLowerCase().includes(wanted))
      .map((s) => ({ name: s.name, description: s.description }));
  }
  const send = { endpoint: connection.endpoint };
  return withClient(connection, async (client) => {
    const found: SchemaSummary[] = [];
    let token: string | undefined;
    do {
      const page =
        wanted === ""
          ? await sendAws(client, new ListSchemasCommand({ RegistryName: registry, NextToken: token, Limit: 100 }), send)
          : await sendAws(client, new SearchSchemasCommand({ RegistryName: registry, Keywords: wanted, NextToken: token, Limit: 100 }), send);
      found.push(...(page.Schemas ?? []).flatMap((s) => (s.SchemaName ? [{ name: s.SchemaName }] : [])));
      token = page.NextToken;
    } while (token && found.length < MAX_SCHEMAS);
    return found.slice(0, MAX_SCHEMAS);
  });
}

export async function describeSchema(source: RegistrySource, connection: AwsConnectionSettings | null, registry: string, name: string): Promise<SchemaDocument> {
  if (source === "bundled" || connection === null) {
    const schema = BUNDLED_SCHEMAS.find((s) => s.registry === registry && s.name === name);
    if (!schema) throw new NotFoundError(`Schema with name ${name} does not exist in registry ${registry}.`);
    return { registry, name, version: schema.version, type: "OpenApi3", description: schema.description, content: schema.content };
  }
  const answer = await withClient(connection, (client) =>
    sendAws(client, new DescribeSchemaCommand({ RegistryName: registry, SchemaName: name }), { endpoint: connection.endpoint }),
  );
  return {
    registry,
    name,
    version: answer.SchemaVersion ?? "",
    type: answer.Type ?? "OpenApi3",
    description: answer.Description,
    content: answer.Content ?? "",
  };
}
