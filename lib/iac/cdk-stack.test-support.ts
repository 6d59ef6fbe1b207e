/**
 * Test support (not shipped): loads the stack class of a generated CDK project with this
 * project's aws-cdk-lib, so tests can synthesize it as `cdk synth` would.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** `require` as the generated code sees it: resolves aws-cdk-lib from the project root. */
export const requireFromRoot = createRequire(join(root, "package.json"));

export type StackClass = new (scope: unknown, id: string) => unknown;

/** Transpiles the project's `lib/*-stack.ts` and returns the stack class it exports. */
export function loadStackClass(project: ReadonlyMap<string, string>): StackClass {
  const stackPath = [...project.keys()].find((path) => path.startsWith("lib/"));
  if (stackPath === undefined) throw new Error("the CDK project has no lib/ stack file");
  const code = ts.transpileModule(project.get(stackPath)!, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const loaded = { exports: {} as Record<string, unknown> };
  new Function("require", "module", "exports", code)(requireFromRoot, loaded, loaded.exports);
  return Object.values(loaded.exports)[0] as StackClass;
}
