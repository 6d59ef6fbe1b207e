import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native database drivers must load from node_modules at run time, not be bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg"],
  poweredByHeader: false,
  // AWS clients speak to the app's own origin: `POST /` with an X-Amz-Target header. A beforeFiles
  // rewrite (unlike proxy.ts) passes the request body through without buffering or a size cap.
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
