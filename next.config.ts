import type { NextConfig } from "next";
import { LARGEST_BODY_LIMIT } from "./lib/boundary/limits";

const nextConfig: NextConfig = {
  // Native database drivers must load from node_modules at run time, not be bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg"],
  poweredByHeader: false,
  experimental: {
    // proxy.ts refuses a body over its route's limit (by Content-Length) before it is read; Next
    // buffers the rest for the route, never more than the largest limit.
    proxyClientMaxBodySize: LARGEST_BODY_LIMIT,
  },
  // AWS clients speak to the app's own origin: `POST /` with an X-Amz-Target header, sent on
  // to the local endpoint's routes after proxy.ts has checked them (`npm start` answers them in
  // server.ts instead).
  async rewrites() {
    return {
      beforeFiles: [
        {
          source: "/",
          has: [{ type: "header", key: "x-amz-target", value: "AWSEvents\\..*" }],
          destination: "/api/emulator/events",
        },
        // The local endpoint's SQS (JSON protocol) and STS (query protocol, told apart by its
        // SigV4 credential scope), as server.ts serves them under `npm start`.
        {
          source: "/",
          has: [{ type: "header", key: "x-amz-target", value: "AmazonSQS\\..*" }],
          destination: "/api/emulator/sqs",
        },
        {
          source: "/",
          has: [{ type: "header", key: "authorization", value: ".*/sts/aws4_request.*" }],
          missing: [{ type: "header", key: "x-amz-target" }],
          destination: "/api/emulator/sts",
        },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default nextConfig;
