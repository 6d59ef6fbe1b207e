/**
 * Stable identifiers for generated resources: a CloudFormation / CDK logical id (PascalCase,
 * alphanumeric) and a Terraform name (snake_case), both derived from the design's own names so
 * they read well in review and stay put across exports. Clashes get a numeric suffix in design
 * order, so the same design always yields the same ids.
 */
export interface Names {
  /** CloudFormation logical id and CDK construct id. */
  readonly logical: string;
  /** Terraform resource / variable name. */
  readonly terraform: string;
}

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

export function pascalCase(text: string): string {
  return words(text)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

export function snakeCase(text: string): string {
  return words(text).join("_");
}

/** Hands out unique names; one allocator per export, so every id is unique within it. */
export class NameAllocator {
  private readonly taken = new Set<string>();

  /** Names for `parts` (e.g. `["orders", "bus"]`); a leading digit gets an `R` / `r_` prefix. */
  allocate(...parts: string[]): Names {
    const text = parts.join(" ");
    let logical = pascalCase(text) || "Resource";
    if (/^[0-9]/.test(logical)) logical = `R${logical}`;
    let candidate = logical;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${logical}${n}`;
    this.taken.add(candidate);
    const suffix = candidate.slice(logical.length);
    let terraform = snakeCase(text) || "resource";
    if (/^[0-9]/.test(terraform)) terraform = `r_${terraform}`;
    return { logical: candidate, terraform: suffix ? `${terraform}_${suffix}` : terraform };
  }
}

/** User text made safe for a one-line comment in any of the formats (no line breaks, no `*\/`). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").replaceAll("*/", "* /");
}
