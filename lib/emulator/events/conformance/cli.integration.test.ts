/**
 * The conformance scenarios (cases.ts) through each installed AWS CLI (Debian's /usr/bin/aws and
 * the pip package), as a user types them with `--endpoint-url`. Setup steps go through the SDK to
 * keep the CLI's process starts few; a scenario the CLI's model is too old for is skipped, saying
 * what it lacks.
 */
import { describe, it } from "vitest";
import { ALL_SCENARIOS } from "./cases";
import { cliCaller, installedClis } from "./clients";
import { outputFilterFor, runScenario, unsupportedBy, localEndpoint } from "./scenarios";

const { clis, missing } = installedClis();

for (const reason of missing) it.skip(`AWS CLI skipped: ${reason}`, () => {});

for (const cli of clis) {
  describe(`${cli.name}: ${cli.version}`, () => {
    const local = localEndpoint();

    for (const [group, scenarios] of Object.entries(ALL_SCENARIOS)) {
      describe(group, () => {
        for (const scenario of scenarios) {
          it(`${scenario.title} (${scenario.doc})`, async (context) => {
            const unsupported = unsupportedBy(cli, scenario);
            if (unsupported !== undefined) context.skip(unsupported);
            await runScenario(scenario, cliCaller(cli, local.endpoint().url), local.sdk(), outputFilterFor(cli.model));
          }, 300_000);
        }
      });
    }
  });
}
