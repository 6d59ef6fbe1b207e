// A load process of the bus benchmark (scripts/bench-bus.ts starts several): sends the requests
// it is given (signed once by the AWS SDK, then replayed byte for byte) over keep-alive
// connections, as fast as the server answers, and reports each request's latency and the entries
// the server failed. It does no signing, JSON or SDK work per request, so the server is what
// the benchmark measures.
import http from "node:http";

export interface PreparedRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface LoadOrder {
  readonly url: string;
  readonly requests: readonly PreparedRequest[];
  /** How many requests to send in all (cycling through `requests`). */
  readonly count: number;
  readonly connections: number;
}

export interface LoadReport {
  readonly latenciesMs: number[];
  readonly failedEntries: number;
  readonly failedRequests: number;
  readonly cpuSeconds: number;
}

async function run(order: LoadOrder): Promise<LoadReport> {
  const cpuBefore = process.cpuUsage();
  const agent = new http.Agent({ keepAlive: true, maxSockets: order.connections });
  const target = new URL(order.url);
  const bodies = order.requests.map((r) => Buffer.from(r.body));
  const latenciesMs: number[] = [];
  let failedEntries = 0;
  let failedRequests = 0;
  let next = 0;
  const one = (index: number) =>
    new Promise<void>((resolve) => {
      const prepared = order.requests[index % order.requests.length];
      const began = performance.now();
      const req = http.request(
        { host: target.hostname, port: target.port, method: "POST", path: prepared.path, headers: prepared.headers, agent },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => {
            latenciesMs.push(performance.now() - began);
            const failed = /"FailedEntryCount":(\d+)/.exec(text);
            if (res.statusCode !== 200 || failed === null) failedRequests++;
            else failedEntries += Number(failed[1]);
            resolve();
          });
        },
      );
      req.on("error", () => {
        failedRequests++;
        resolve();
      });
      req.end(bodies[index % bodies.length]);
    });
  const worker = async () => {
    while (next < order.count) await one(next++);
  };
  await Promise.all(Array.from({ length: order.connections }, worker));
  agent.destroy();
  const cpu = process.cpuUsage(cpuBefore);
  return { latenciesMs, failedEntries, failedRequests, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

process.once("message", (order: LoadOrder) => {
  void run(order).then((report) => process.send?.(report, () => process.exit(0)));
});
process.send?.("ready");
