/**
 * Design files (`<name>.switchyard.json`): the document as users keep it in git.
 *
 * Writing is canonical — keys in schema order, two-space indent, a final newline — so saving the
 * same design twice gives the same bytes and a diff shows only real changes. Reading (a file, a
 * paste, a share link's content) goes through `checkDesign`, which reports every problem with
 * its path, and says plainly when the JSON is not a design at all or comes from a newer
 * Switchyard instead of listing every field it does not recognise.
 */
import type { ZodError } from "zod";
import { DESIGN_FORMAT, DESIGN_VERSION, designSchema, type Design } from "./schema";

export const DESIGN_FILE_SUFFIX = ".switchyard.json";

/** One thing wrong with a document, at a dotted path (`nodes.3.name`; `(file)` for the whole). */
export interface DesignProblem {
  readonly path: string;
  readonly message: string;
}

export type DesignCheck = { readonly ok: true; readonly design: Design } | { readonly ok: false; readonly problems: readonly DesignProblem[] };

const WHOLE = "(file)";

export function designProblems(error: ZodError): DesignProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || WHOLE, message: issue.message }));
}

/** The value as a design, or what is wrong with it. */
export function checkDesign(value: unknown): DesignCheck {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const found = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    return failed(WHOLE, `Expected a Switchyard design (a JSON object), found ${found}`);
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== DESIGN_FORMAT) {
    const found = format === undefined ? "it has no format field" : `its format is ${JSON.stringify(format)}`;
    return failed("format", `Not a Switchyard design: ${found}, expected "${DESIGN_FORMAT}"`);
  }
  if (typeof version === "number" && Number.isInteger(version) && version > DESIGN_VERSION) {
    return failed("version", `Made by a newer Switchyard (design format version ${version}); this one reads version ${DESIGN_VERSION}`);
  }
  const parsed = designSchema.safeParse(value);
  return parsed.success ? { ok: true, design: parsed.data } : { ok: false, problems: designProblems(parsed.error) };
}

/** The design in a design file's text, or what is wrong with it. */
export function readDesignFile(text: string): DesignCheck {
  const json = text.replace(/^\uFEFF/, "");
  if (json.trim() === "") return failed(WHOLE, "The file is empty");
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return failed(WHOLE, `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return checkDesign(value);
}

/** The design file's text; throws zod's error if `design` does not match the schema. */
export function writeDesignFile(design: Design): string {
  // Parsing rebuilds every object in schema order, whatever order the keys were set in.
  return `${JSON.stringify(designSchema.parse(design), null, 2)}\n`;
}

/** `<name>.switchyard.json`, with characters that file systems refuse replaced. */
export function designFileName(name: string): string {
  const safe = name
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "")
    .slice(0, 100)
    .trim();
  return `${safe || "design"}${DESIGN_FILE_SUFFIX}`;
}

function failed(path: string, message: string): DesignCheck {
  return { ok: false, problems: [{ path, message }] };
}
