import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The layers of lib/, lowest first (lib/README.md explains each module). A module imports only
 * from modules of lower layers: never sideways, never up, so no two modules form a cycle.
 */
export const LIB_LAYERS = [
  ["errors", "ids", "arn", "limits", "format", "schedule"],
  ["pattern", "transform", "db", "boundary"],
  ["graph", "streams", "env", "eventsv2"],
  ["resources", "designs", "starters", "emulator", "migration"],
  ["lab", "iac", "explorer", "aws", "run-locally"],
  ["capture"],
];

/** `import/no-restricted-paths` zones: for each module, every module of its own or a higher layer. */
function layerZones() {
  const zones = [];
  LIB_LAYERS.forEach((layer, depth) => {
    const notBelow = LIB_LAYERS.slice(depth).flat();
    for (const name of layer) {
      const from = notBelow.filter((other) => other !== name).flatMap((other) => [`./lib/${other}`, `./lib/${other}.ts`]);
      zones.push({ target: [`./lib/${name}`, `./lib/${name}.ts`], from, message: `lib/${name} sits below these modules (lib/README.md, "Layers").` });
    }
  });
  zones.push({ target: "./lib", from: ["./app", "./components", "./scripts"], message: "lib/ is domain code: it never imports the UI, routes or scripts." });
  return zones;
}

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // lib/ is domain code: `any` hides mistakes the type checker exists to catch.
    files: ["lib/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
  {
    // Tests may wire several modules together; nothing imports a test, so they form no cycle.
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: { "import/no-restricted-paths": ["error", { zones: layerZones() }] },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**"]),
]);
