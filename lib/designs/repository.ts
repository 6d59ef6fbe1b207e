/**
 * Saved designs: list, create, read, change and delete, with optimistic concurrency.
 *
 * Every change names the version the caller last read; a change based on an older version is
 * refused with a ConflictError instead of silently overwriting someone else's save.
 */
import { getDb } from "@/lib/db";
import { ConflictError, NotFoundError, fromZodError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { EMPTY_GRAPH, createDesignInput, updateDesignInput } from "./input";
import type { Design, DesignSummary } from "./types";


interface DesignRow {
  id: string;
  name: string;
  description: string;
  graph: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

function toSummary(row: Omit<DesignRow, "graph">): DesignSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDesign(row: DesignRow): Design {
  const graph = typeof row.graph === "object" && row.graph !== null ? (row.graph as Record<string, unknown>) : {};
  return { ...toSummary(row), graph };
}

const SUMMARY_FIELDS = { id: true, name: true, description: true, version: true, createdAt: true, updatedAt: true } as const;

export async function listDesigns(): Promise<DesignSummary[]> {
  const db = await getDb();
  const rows = await db.design.findMany({ select: SUMMARY_FIELDS, orderBy: { updatedAt: "desc" } });
  return rows.map(toSummary);
}

export async function createDesign(body: unknown): Promise<Design> {
  const parsed = createDesignInput.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "design");
  const db = await getDb();
  const row = await db.design.create({
    data: {
      id: newId("design"),
      name: parsed.data.name,
      description: parsed.data.description,
      graph: parsed.data.graph ?? EMPTY_GRAPH,
    },
  });
  return toDesign(row);
}

export async function getDesign(id: string): Promise<Design> {
  const db = await getDb();
  const row = await db.design.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Design ${id} does not exist`);
  return toDesign(row);
}

export async function updateDesign(id: string, body: unknown): Promise<Design> {
  const parsed = updateDesignInput.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "design change");
  const { version, ...changes } = parsed.data;
  const db = await getDb();
  // Compare-and-set on the version: only one of two concurrent saves can win.
  const { count } = await db.design.updateMany({
    where: { id, version },
    data: { ...changes, version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await db.design.findUnique({ where: { id }, select: { version: true } });
    if (!current) throw new NotFoundError(`Design ${id} does not exist`);
    throw new ConflictError(
      `Design ${id} was changed by someone else (you have version ${version}, the saved one is ${current.version}); reload it and try again`,
    );
  }
  return getDesign(id);
}

export async function deleteDesign(id: string): Promise<void> {
  const db = await getDb();
  const { count } = await db.design.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`Design ${id} does not exist`);
}
