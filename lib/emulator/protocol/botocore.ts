/**
 * AWS's service models as botocore ships them (`<service>/<api version>/service-2.json[.gz]`):
 * the source the local services' request models are generated from (scripts/*-model.ts) and
 * checked against in tests, read from the botocore a Python interpreter imports (the pip AWS
 * CLI's; the AWS CLI v2 bundles its own).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** Where a member of an operation's input travels in a REST protocol (absent: the JSON body). */
export interface BotocoreMemberRef {
  readonly shape: string;
  readonly location?: "uri" | "querystring" | "header" | "headers" | "statusCode";
  readonly locationName?: string;
}

/** A shape of botocore's model, as its service-2.json writes it (documentation left out). */
export interface BotocoreShape {
  readonly type: string;
  readonly members?: Record<string, BotocoreMemberRef>;
  readonly required?: string[];
  readonly member?: { readonly shape: string };
  readonly key?: { readonly shape: string };
  readonly value?: { readonly shape: string };
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: string[];
  readonly sensitive?: boolean;
  readonly exception?: boolean;
  readonly error?: { readonly httpStatusCode?: number };
}

export interface BotocoreOperation {
  readonly http?: { readonly method: string; readonly requestUri: string; readonly responseCode?: number };
  readonly input?: { readonly shape: string };
  readonly output?: { readonly shape: string };
}

export interface BotocoreModel {
  readonly metadata: { readonly apiVersion: string; readonly protocol?: string; readonly signingName?: string; readonly endpointPrefix?: string };
  readonly operations: Record<string, BotocoreOperation>;
  readonly shapes: Record<string, BotocoreShape>;
}

/**
 * The model of `service` (botocore's data directory name, e.g. `events`, `scheduler`) of the
 * botocore `python` imports, with that botocore's version; its newest API version when several.
 */
export function botocoreModel(python: string, service: string): { model: BotocoreModel; version: string; file: string } | undefined {
  const script = "import os\ntry:\n import awscli.botocore as b\nexcept ImportError:\n import botocore as b\nprint(os.path.dirname(b.__file__))\nprint(getattr(b, '__version__', 'unknown'))";
  let root: string;
  let version: string;
  try {
    [root, version] = execFileSync(python, ["-c", script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n");
  } catch {
    return undefined;
  }
  const dir = join(root, "data", service);
  if (!existsSync(dir)) return undefined;
  const apiVersion = readdirSync(dir).sort().at(-1);
  if (apiVersion === undefined) return undefined;
  const file = join(dir, apiVersion, "service-2.json");
  const found = [file, `${file}.gz`].find((candidate) => existsSync(candidate));
  return found === undefined ? undefined : { model: readBotocoreModel(found), version, file: found };
}

/** A botocore service-2.json, gzipped or not. */
export function readBotocoreModel(file: string): BotocoreModel {
  const bytes = readFileSync(file);
  return JSON.parse((file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8")) as BotocoreModel;
}
