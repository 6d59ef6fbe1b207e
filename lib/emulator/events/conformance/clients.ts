/**
 * The two kinds of caller the conformance suite drives the local EventBridge with: the real AWS
 * SDK for JavaScript (@aws-sdk/client-eventbridge) and the real AWS CLI (each one installed:
 * Debian's /usr/bin/aws and the pip package). Both answer an `Outcome`, so one table of cases
 * runs through either. The CLI runs with `parameter_validation = false`, as the SDK never
 * validates: every constraint is the local endpoint's to check; and with `--no-paginate`, so one
 * call is one request.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as EventBridge from "@aws-sdk/client-eventbridge";
import { botocoreModel, type BotocoreModel } from "../../protocol/botocore";

export type Outcome =
  | { readonly ok: true; readonly output: Record<string, unknown> }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface Caller {
  readonly name: string;
  /** Calls `operation` as `account` (a 12-digit access key id selects the account locally). */
  call(operation: string, input: Record<string, unknown>, account?: string): Promise<Outcome>;
}

export const REGION = "us-east-1";
export const DEFAULT_ACCOUNT = "000000000000";

/** Timestamps differ by caller (Date, ISO text, epoch seconds): every `…Time` member reads "<time>". */
export function normalize(value: unknown, key = ""): unknown {
  if (value === undefined || value === null) return value;
  if (key.endsWith("Time")) return "<time>";
  if (Array.isArray(value)) return value.map((item) => normalize(item));
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([name, item]) => name !== "$metadata" && item !== undefined)
        .map(([name, item]) => [name, normalize(item, name)]),
    );
  }
  return value;
}

type Command = Parameters<EventBridge.EventBridgeClient["send"]>[0];
const commands = EventBridge as unknown as Record<string, new (input: Record<string, unknown>) => Command>;

export function sdkCaller(endpoint: string): Caller & { destroy(): void } {
  const clients = new Map<string, EventBridge.EventBridgeClient>();
  const client = (account: string) => {
    let found = clients.get(account);
    if (found === undefined) {
      found = new EventBridge.EventBridgeClient({ endpoint, region: REGION, credentials: { accessKeyId: account, secretAccessKey: "local" }, maxAttempts: 1 });
      clients.set(account, found);
    }
    return found;
  };
  return {
    name: "@aws-sdk/client-eventbridge",
    async call(operation, input, account = DEFAULT_ACCOUNT) {
      const Command = commands[`${operation}Command`];
      if (Command === undefined) throw new Error(`The SDK has no ${operation}Command.`);
      try {
        const output: unknown = await client(account).send(new Command(input));
        return { ok: true, output: normalize(output) as Record<string, unknown> };
      } catch (error) {
        if (!(error instanceof EventBridge.EventBridgeServiceException)) throw error;
        return { ok: false, code: error.name, message: error.message };
      }
    },
    destroy: () => clients.forEach((c) => c.destroy()),
  };
}

/** An installed AWS CLI: how to run it and the botocore model it carries (its operations and members). */
export interface AwsCli {
  readonly name: string;
  readonly command: readonly string[];
  readonly version: string;
  readonly model: BotocoreModel;
}

const run = promisify(execFile);

function describeCli(name: string, command: string[], python: string): AwsCli | string {
  let version: string;
  try {
    version = execFileSync(command[0], [...command.slice(1), "--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    return `${name} is not installed`;
  }
  const found = botocoreModel(python, "events");
  return found === undefined ? `${name} (${version}): its botocore model was not found` : { name, command, version, model: found.model };
}

/**
 * The CLIs to run: Debian's /usr/bin/aws and the pip package's (`python3 -m awscli`, the module
 * the pip `aws` script runs). A missing one is named in `missing`, for the skip message.
 */
export function installedClis(): { clis: AwsCli[]; missing: string[] } {
  const found: AwsCli[] = [];
  const missing: string[] = [];
  const shebang = existsSync("/usr/bin/aws") ? readFileSync("/usr/bin/aws", "utf8").split("\n")[0].replace(/^#!\s*/, "") : "";
  for (const [name, command, python] of [
    ["/usr/bin/aws", ["/usr/bin/aws"], shebang || "/usr/bin/python3"],
    ["pip awscli (python3 -m awscli)", ["python3", "-m", "awscli"], "python3"],
  ] as const) {
    const cli = describeCli(name, [...command], python);
    if (typeof cli === "string") missing.push(cli);
    else if (found.some((other) => other.version === cli.version)) missing.push(`${name}: the same CLI as ${found[0].name}`);
    else found.push(cli);
  }
  return { clis: found, missing };
}

const kebab = (operation: string) => operation.replace(/[A-Z]/g, (letter, i: number) => (i === 0 ? "" : "-") + letter.toLowerCase());

export function cliCaller(cli: AwsCli, endpoint: string): Caller {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-cli-"));
  const config = join(dir, "config");
  writeFileSync(config, "[default]\nparameter_validation = false\n");
  return {
    name: `${cli.name} (${cli.version.split(" ")[0]})`,
    async call(operation, input, account = DEFAULT_ACCOUNT) {
      const env = {
        ...process.env,
        AWS_ACCESS_KEY_ID: account,
        AWS_SECRET_ACCESS_KEY: "local",
        AWS_DEFAULT_REGION: REGION,
        AWS_PAGER: "",
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"),
      };
      const args = [...cli.command.slice(1), "--endpoint-url", endpoint, "--output", "json", "--no-paginate", "events", kebab(operation), "--cli-input-json", JSON.stringify(input)];
      try {
        const { stdout } = await run(cli.command[0], args, { env, timeout: 60_000 });
        return { ok: true, output: normalize(stdout.trim() === "" ? {} : JSON.parse(stdout)) as Record<string, unknown> };
      } catch (error) {
        const stderr = String((error as { stderr?: unknown }).stderr ?? "");
        const match = /An error occurred \((\w+)\) when calling the \w+ operation(?: \(reached max retries: \d+\))?: ([\s\S]*)$/.exec(stderr.trim());
        if (match === null) throw new Error(`${cli.name} ${kebab(operation)} failed: ${stderr.trim()}`);
        return { ok: false, code: match[1], message: match[2].trim() };
      }
    },
  };
}
