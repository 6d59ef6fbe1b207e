// The local EventBridge alone on a loopback port, for the benchmark and the crash test:
//   DATABASE_URL=file:/tmp/x.db tsx scripts/bus-server.ts [port]
// Prints one line `{"url": "http://127.0.0.1:<port>"}` when it takes requests.
import { listenOnLoopback } from "../lib/emulator/loopback-server";
import { getBusRuntime } from "../lib/emulator/runtime";

const runtime = await getBusRuntime();
const server = await listenOnLoopback(runtime, Number(process.argv[2] ?? 0));
console.log(JSON.stringify({ url: server.url }));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void Promise.all([runtime.stop(), server.close()]).then(() => process.exit(0));
  });
}
