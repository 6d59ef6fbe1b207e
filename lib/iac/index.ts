/**
 * Public API of the infrastructure-as-code export: a validated design in, files out, for
 * Terraform, CDK (TypeScript project) or CloudFormation (YAML and JSON). Plain TypeScript with
 * no Node or DOM APIs, so the browser and the command line run the same code.
 */
import { safeParseDesign, validateDesign, type Design, type Problem } from "@/lib/graph";
import { validatePattern } from "@/lib/pattern";
import { cdkProject, projectName, type GeneratedFile } from "./cdk";
import { cloudFormationJson, cloudFormationNotes, cloudFormationYaml } from "./cloudformation";
import { buildModel } from "./model";
import { terraformMain, terraformNotes } from "./terraform";

export { projectName, type GeneratedFile } from "./cdk";
export const EXPORT_FORMATS = ["terraform", "cdk", "cloudformation"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  readonly format: ExportFormat;
  readonly files: readonly GeneratedFile[];
  /** Notes for the reader (also written into the files): patterns over the default quota, what is not exported, what the deployer must add. */
  readonly warnings: readonly string[];
}

/**
 * A design that cannot be exported: every problem, each saying what and where; `blocking` holds
 * the validation problems themselves (none when the document is not a design at all), for a UI
 * that names their nodes its own way.
 */
export class DesignNotExportableError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly blocking: readonly Problem[] = [],
  ) {
    super(`The design cannot be exported:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "DesignNotExportableError";
  }
}

/**
 * Validation errors that block an export. A pattern longer than the 2,048-character default
 * quota is only a warning here: the quota can be raised to 4,096.
 */
function blockingProblems(design: Design): Problem[] {
  return validateDesign(design).filter((problem) => {
    if (problem.severity !== "error") return false;
    if (problem.code !== "invalid-pattern" || !problem.nodeId || !problem.field) return true;
    const node = design.nodes.find((n) => n.id === problem.nodeId);
    const text = node?.kind === "rule" && node.trigger.type === "pattern" ? node.trigger.pattern : node?.kind === "event-bus" ? node.archive?.pattern : undefined;
    return text === undefined || !validatePattern(text, { maxLength: Number.MAX_SAFE_INTEGER }).valid;
  });
}

function where(problem: Problem): string {
  const at = [problem.nodeId && `node ${problem.nodeId}`, problem.edgeId && `edge ${problem.edgeId}`, problem.field].filter(Boolean).join(", ");
  return at ? `${at}: ${problem.message}` : problem.message;
}

/** Parses and checks a design document (anything: JSON from a file, the API). */
export function parseExportableDesign(value: unknown): Design {
  const parsed = safeParseDesign(value);
  if (!parsed.success) {
    throw new DesignNotExportableError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "(document)"}: ${issue.message}`));
  }
  const problems = blockingProblems(parsed.data);
  if (problems.length > 0) throw new DesignNotExportableError(problems.map(where), problems);
  return parsed.data;
}

export function exportDesign(value: unknown, format: ExportFormat): ExportResult {
  const design = parseExportableDesign(value);
  const model = buildModel(design);
  const base = projectName(design.name);
  switch (format) {
    case "terraform":
      return { format, files: [{ path: "main.tf", content: terraformMain(model) }], warnings: [...model.notes, ...terraformNotes(model)] };
    case "cdk":
      return { format, files: cdkProject(model), warnings: model.notes };
    case "cloudformation":
      return {
        format,
        files: [
          { path: `${base}.template.yaml`, content: cloudFormationYaml(model) },
          { path: `${base}.template.json`, content: cloudFormationJson(model) },
        ],
        warnings: [...model.notes, ...cloudFormationNotes(model)],
      };
  }
}
