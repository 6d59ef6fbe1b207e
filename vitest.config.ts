import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { CHROMIUM_LAUNCH_OPTIONS } from "./e2e/chromium";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    // The default leaves a core idle; the integration suites spend much of their time waiting on
    // the AWS CLI's processes and on sockets, so on two cores two workers took 316 s instead of 492 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          // Playwright specs live in e2e/ and must never be collected here.
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
          // Integration tests start servers and make dozens of SDK calls; on a shared 2-core
          // machine under load the 5 s default cut passing tests (a hang still fails at 30 s).
          testTimeout: 30_000,
          // The suite's local endpoints listen on 127.0.0.1 at random ports, which the server's
          // AWS clients call only when allowed (lib/boundary/outbound.ts); its tests pass their own.
          env: { SWITCHYARD_ALLOWED_OUTBOUND_HOSTS: "127.0.0.1" },
        },
      },
      {
        // Components rendered by React (development build) in Debian's Chromium, e.g. render counts.
        extends: true,
        test: {
          name: "chromium",
          include: ["components/**/*.browser.test.tsx"],
          // A failure's screenshot goes with the other test output.
          attachmentsDir: "test-results/vitest-attachments",
          browser: {
            enabled: true,
            headless: true,
            screenshotDirectory: "test-results/browser-screenshots",
            provider: playwright({ launchOptions: CHROMIUM_LAUNCH_OPTIONS }),
            instances: [{ browser: "chromium", viewport: { width: 1440, height: 900 } }],
          },
        },
      },
    ],
  },
});
