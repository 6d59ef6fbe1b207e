/** Browser-side calls to the schema registry routes (app/api/schemas). */
import { requestJson } from "@/components/api-client";

export type RegistrySource = "aws" | "bundled";

export interface RegistryList {
  source: RegistrySource;
  awsConfigured: boolean;
  registries: string[];
}

export interface SchemaSummary {
  name: string;
  description?: string;
}

export interface SchemaDocument {
  source: RegistrySource;
  registry: string;
  name: string;
  version: string;
  type: string;
  description?: string;
  content: string;
}

const sourceQuery = (source: RegistrySource | undefined) => (source ? `source=${source}` : "");

export function listRegistries(source?: RegistrySource): Promise<RegistryList> {
  return requestJson(`/api/schemas?${sourceQuery(source)}`);
}

export async function listSchemas(registry: string, keywords: string, source?: RegistrySource): Promise<SchemaSummary[]> {
  const query = new URLSearchParams({ q: keywords });
  if (source) query.set("source", source);
  const answer = await requestJson<{ schemas: SchemaSummary[] }>(`/api/schemas/${encodeURIComponent(registry)}?${query.toString()}`);
  return answer.schemas;
}

export function describeSchema(registry: string, name: string, source?: RegistrySource): Promise<SchemaDocument> {
  return requestJson(`/api/schemas/${encodeURIComponent(registry)}/${encodeURIComponent(name)}?${sourceQuery(source)}`);
}
