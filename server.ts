/**
 * The production server: Next.js for pages and routes, with AWS EventBridge clients' calls
 * (`POST /`, `X-Amz-Target: AWSEvents.*`; also SQS's `AmazonSQS.*` and STS's GetCallerIdentity)
 * answered by the local endpoint directly, before Next's
 * routing, which alone costs about 1 ms a request and would cap PutEvents far below its target.
 * Binds to HOST (127.0.0.1 unless set) and PORT (3000). `next dev` still serves the same calls
 * through the rewrite in next.config.ts.
 */
import { createServer } from "node:http";
import next from "next";
import { getBusRuntime } from "./lib/emulator/runtime";
import { isLocalAwsCall, serveBusRequest } from "./lib/emulator/loopback-server";
import { env } from "./lib/env";

const app = next({ dev: false, hostname: env.HOST, port: env.PORT });
const handle = app.getRequestHandler();
await app.prepare();
const bus = await getBusRuntime();

const server = createServer((req, res) => {
  if (isLocalAwsCall(req)) serveBusRequest(bus, req, res);
  else void handle(req, res);
});
server.listen(env.PORT, env.HOST, () => console.log(`Switchyard on http://${env.HOST}:${env.PORT}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void bus.stop().then(() => process.exit(0));
  });
}
