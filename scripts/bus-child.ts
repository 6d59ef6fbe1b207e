// Starts scripts/bus-server.ts as a child process on a given database and waits for its URL.
// Shared by the bus benchmark and the crash test.
import { spawn, type ChildProcess } from "node:child_process";

export interface BusChild {
  readonly url: string;
  readonly process: ChildProcess;
}

/**
 * `checkout`: the folder whose scripts/bus-server.ts runs (another version's worktree, to compare);
 * `nodeOptions`: extra node flags (e.g. --cpu-prof).
 */
export function startBusChild(databaseUrl: string, options: { checkout?: string; nodeOptions?: readonly string[] } = {}): Promise<BusChild> {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), "--import", "tsx", "scripts/bus-server.ts"], {
    cwd: options.checkout,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_NO_WARNINGS: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const line = output.split("\n").find((l) => l.startsWith('{"url"'));
      if (line !== undefined) resolve({ url: (JSON.parse(line) as { url: string }).url, process: child });
    });
    child.on("exit", (code) => reject(new Error(`bus server exited early (code ${code})`)));
  });
}
