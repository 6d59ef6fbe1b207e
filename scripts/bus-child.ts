// Starts scripts/bus-server.ts as a child process on a given database and waits for its URL.
// Shared by the bus benchmark and the crash test.
import { spawn, type ChildProcess } from "node:child_process";

export interface BusChild {
  readonly url: string;
  readonly process: ChildProcess;
}

export function startBusChild(databaseUrl: string): Promise<BusChild> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bus-server.ts"], {
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
