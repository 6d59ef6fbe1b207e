import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native database drivers must load from node_modules at run time, not be bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
