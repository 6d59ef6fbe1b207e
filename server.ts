/**
 * The production server: Next.js for pages and routes, with AWS clients' calls (EventBridge's
 * `POST /` with `X-Amz-Target: AWSEvents.*`, SQS's `AmazonSQS.*`, STS's GetCallerIdentity, Pipes, the
 * Schemas registry under /v1/registries) answered by the local endpoint directly, before Next's
 * routing, which alone costs about 1 ms a request and would cap PutEvents far below its target.
 * Every request meets the boundary (lib/boundary) first; Next's own proxy.ts applies the same
 * policy again under `next dev`, where no server of ours runs. Binds to HOST (127.0.0.1 unless
 * set) and PORT (3000). `next dev` serves the AWS calls through the rewrites in next.config.ts.
 */
import { createServer } from "node:http";
import next from "next";
import { boundarySettings } from "./lib/boundary";
import { refusedAtBoundary } from "./lib/boundary/node-http";
import { getBusRuntime } from "./lib/emulator/runtime";
import { localAwsServiceOf, serveBusRequest } from "./lib/emulator/loopback-server";
import { env } from "./lib/env";

const app = next({ dev: false, hostname: env.HOST, port: env.PORT });
const handle = app.getRequestHandler();
const settings = boundarySettings();
await app.prepare();
const bus = await getBusRuntime();

const server = createServer((req, res) => {
  if (localAwsServiceOf(req) !== undefined) serveBusRequest(bus, req, res, settings);
  else if (!refusedAtBoundary(req, res, settings)) void handle(req, res);
});
server.listen(env.PORT, env.HOST, () => console.log(`Switchyard on http://${env.HOST}:${env.PORT}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void bus.stop().then(() => process.exit(0));
  });
}
