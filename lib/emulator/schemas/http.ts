/**
 * The Schemas service's restJson1 operations the lab needs, over the bundled schemas:
 * ListRegistries, ListSchemas, DescribeSchema, SearchSchemas. Errors carry `Code` and `Message`
 * with `x-amzn-ErrorType`, as the Schemas API sends them.
 */
import { readBusConfig } from "../config";
import { BUNDLED_SCHEMAS, REGISTRIES, type BundledSchema } from "./bundled";

class SchemasError extends Error {
  constructor(
    readonly code: "NotFoundException" | "BadRequestException",
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const region = () => readBusConfig().region;
const registryArn = (name: string) => `arn:aws:schemas:${region()}:aws:registry/${name}`;
const schemaArn = (schema: BundledSchema) => `arn:aws:schemas:${region()}:aws:schema/${schema.registry}/${schema.name}`;

function page<T>(items: readonly T[], url: URL): { items: T[]; NextToken?: string } {
  const limitText = url.searchParams.get("limit");
  const limit = limitText === null ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new SchemasError("BadRequestException", 400, "limit must be an integer between 1 and 100.");
  }
  const token = url.searchParams.get("nextToken");
  const offset = token === null ? 0 : Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw new SchemasError("BadRequestException", 400, "The nextToken is not valid.");
  const slice = items.slice(offset, offset + limit);
  const end = offset + slice.length;
  return { items: slice, NextToken: end < items.length ? Buffer.from(String(end), "utf8").toString("base64url") : undefined };
}

function requireRegistry(name: string): void {
  if (!(REGISTRIES as readonly string[]).includes(name)) {
    throw new SchemasError("NotFoundException", 404, `Registry with name ${name} does not exist.`);
  }
}

function respond(work: () => Record<string, unknown>): Response {
  try {
    return Response.json(work());
  } catch (error) {
    if (!(error instanceof SchemasError)) throw error;
    return Response.json({ Code: error.code, Message: error.message }, { status: error.status, headers: { "x-amzn-errortype": error.code } });
  }
}

function listRegistries(url: URL): Response {
  return respond(() => {
    const prefix = url.searchParams.get("registryNamePrefix") ?? "";
    const matching = REGISTRIES.filter((name) => name.startsWith(prefix));
    const { items, NextToken } = page(matching, url);
    return { Registries: items.map((name) => ({ RegistryName: name, RegistryArn: registryArn(name), tags: {} })), NextToken };
  });
}

function listSchemas(registry: string, url: URL): Response {
  return respond(() => {
    requireRegistry(registry);
    const prefix = url.searchParams.get("schemaNamePrefix") ?? "";
    const matching = BUNDLED_SCHEMAS.filter((s) => s.registry === registry && s.name.startsWith(prefix));
    const { items, NextToken } = page(matching, url);
    return {
      Schemas: items.map((s) => ({ SchemaName: s.name, SchemaArn: schemaArn(s), LastModified: s.lastModified, VersionCount: 1, tags: {} })),
      NextToken,
    };
  });
}

function describeSchema(registry: string, name: string, url: URL): Response {
  return respond(() => {
    requireRegistry(registry);
    const schema = BUNDLED_SCHEMAS.find((s) => s.registry === registry && s.name === name);
    const version = url.searchParams.get("schemaVersion");
    if (schema === undefined || (version !== null && version !== schema.version)) {
      throw new SchemasError("NotFoundException", 404, `Schema with name ${name} does not exist.`);
    }
    return {
      Content: schema.content,
      Description: schema.description,
      LastModified: schema.lastModified,
      SchemaArn: schemaArn(schema),
      SchemaName: schema.name,
      SchemaVersion: schema.version,
      Type: "OpenApi3",
      VersionCreatedDate: schema.lastModified,
      tags: {},
    };
  });
}

function searchSchemas(registry: string, url: URL): Response {
  return respond(() => {
    requireRegistry(registry);
    const keywords = (url.searchParams.get("keywords") ?? "").trim().toLowerCase();
    if (keywords === "") throw new SchemasError("BadRequestException", 400, "keywords is required.");
    const matching = BUNDLED_SCHEMAS.filter(
      (s) => s.registry === registry && (s.name.toLowerCase().includes(keywords) || s.description.toLowerCase().includes(keywords)),
    );
    const { items, NextToken } = page(matching, url);
    return {
      Schemas: items.map((s) => ({
        RegistryName: s.registry,
        SchemaName: s.name,
        SchemaArn: schemaArn(s),
        SchemaVersions: [{ SchemaVersion: s.version, CreatedDate: s.lastModified, Type: "OpenApi3" }],
      })),
      NextToken,
    };
  });
}

const NOT_FOUND = () =>
  Response.json({ Code: "NotFoundException", Message: "No such operation." }, { status: 404, headers: { "x-amzn-errortype": "NotFoundException" } });

/** Dispatches `GET /v1/registries/...` to the operation its path names. */
export function routeSchemasRequest(url: URL): Response {
  const prefix = "/v1/registries";
  if (!url.pathname.startsWith(prefix)) return NOT_FOUND();
  const parts = url.pathname.slice(prefix.length).split("/").filter((p) => p !== "").map(decodeURIComponent);
  if (parts.length === 0) return listRegistries(url);
  if (parts[0] !== "name" || parts[2] !== "schemas") return NOT_FOUND();
  const registry = parts[1];
  if (parts.length === 3) return listSchemas(registry, url);
  if (parts.length === 4 && parts[3] === "search") return searchSchemas(registry, url);
  if (parts.length === 5 && parts[3] === "name") return describeSchema(registry, parts[4], url);
  return NOT_FOUND();
}
