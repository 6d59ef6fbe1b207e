import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { e2eAwsEnvironment } from "./e2e/aws-env";
import { CHROMIUM_LAUNCH_OPTIONS } from "./e2e/chromium";

/**
 * End-to-end tests drive the built app (`next build` first) in Debian's Chromium. The server
 * gets a fresh SQLite file in a temporary folder, so every run starts from an empty database
 * and also proves that the app creates and migrates its database on first start.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), "switchyard-e2e-"));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  outputDir: "test-results/e2e-artifacts",
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  webServer: {
    command: "npm run --silent start",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: `file:${join(dataDir, "e2e.db")}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // Dummy keys and a profile for the AWS connection (e2e/aws.spec.ts talks to the local endpoint).
      ...e2eAwsEnvironment(dataDir),
    },
  },
});
