/** What callers may send to create or change a design; validated before it reaches the database. */
import { z } from "zod";
import { DESIGN_FORMAT, DESIGN_VERSION, designSchema, type Design } from "@/lib/graph";
import { DESIGN_NAME_MAX_LENGTH } from "@/lib/limits";

const DESCRIPTION_MAX = 2000;

const name = z
  .string({ error: "name must be a string" })
  .trim()
  .min(1, "name must not be empty")
  .max(DESIGN_NAME_MAX_LENGTH, `name must be at most ${DESIGN_NAME_MAX_LENGTH} characters`);

const description = z
  .string({ error: "description must be a string" })
  .max(DESCRIPTION_MAX, `description must be at most ${DESCRIPTION_MAX} characters`);

export function emptyDesign(designName: string, designDescription: string): Design {
  return { format: DESIGN_FORMAT, version: DESIGN_VERSION, name: designName, description: designDescription, nodes: [], edges: [] };
}

export const createDesignInput = z.strictObject({
  name,
  description: description.default(""),
  /** A design document (lib/graph); its name and description are replaced by the fields above. */
  graph: designSchema.optional(),
});

export const updateDesignInput = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    graph: designSchema.optional(),
    /** The version the caller last read; the update is refused if someone saved since. */
    version: z.number({ error: "version must be a number" }).int("version must be an integer").positive("version must be positive"),
  })
  .refine((input) => input.name !== undefined || input.description !== undefined || input.graph !== undefined, {
    message: "nothing to change: send at least one of name, description, graph",
  });

export type CreateDesignInput = z.infer<typeof createDesignInput>;
export type UpdateDesignInput = z.infer<typeof updateDesignInput>;

/**
 * The create request that saves `document` (an imported file, a forked share link) as a new
 * design. A document's name is free text, a record's is not: an empty name becomes
 * `fallbackName` and an overlong name or description is cut to the record's limit, so a valid
 * document always saves.
 */
export function createInputFor(document: Design, fallbackName: string): CreateDesignInput {
  return {
    name: (document.name.trim() || fallbackName).slice(0, DESIGN_NAME_MAX_LENGTH).trim(),
    description: document.description.slice(0, DESCRIPTION_MAX),
    graph: document,
  };
}
