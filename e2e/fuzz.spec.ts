/**
 * A smaller round of `npm run fuzz:routes` (scripts/fuzz-routes.ts) in the suite: its own server
 * (the built app, a fresh database, no AWS credentials) takes a seeded stream of malformed,
 * mistyped, oversized and deeply nested requests to every route and AWS protocol, answers none
 * with a 5xx, and still answers its health check afterwards.
 */
import { expect, test } from "@playwright/test";
import { fuzzRoutes, startFuzzServer } from "../scripts/fuzz-routes";

test("a seeded fuzz round of every route and the AWS-protocol endpoints: no answer ≥ 500, and the server keeps serving", async () => {
  test.setTimeout(300_000);
  const server = await startFuzzServer();
  try {
    const figures = await fuzzRoutes({ baseURL: server.url, requests: 1500, seed: 20261207, seconds: 180, concurrency: 6 });
    console.log(`fuzz: ${figures.requests} requests in ${figures.seconds.toFixed(1)} s, statuses ${JSON.stringify(figures.statuses)}`);
    expect(figures.failures).toEqual([]);
    expect(figures.serverErrors).toBe(0);
    expect(figures.requests).toBe(1500);
    expect(figures.healthyAfter).toBe(true);
  } finally {
    await server.stop();
  }
});
