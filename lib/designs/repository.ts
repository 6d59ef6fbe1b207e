/**
 * Saved designs: list, create, read, change and delete, with optimistic concurrency.
 *
 * The record's name and description are the document's: this module is the one place that keeps
 * them equal. Every change names the version the caller last read; a change based on an older
 * version is refused with a ConflictError instead of silently overwriting someone else's save.
 */
import { getDb } from "@/lib/db";
import { ConflictError, NotFoundError, fromZodError } from "@/lib/errors";
import { safeParseDesign, type Design } from "@/lib/graph";
import { newId } from "@/lib/ids";
import { createDesignInput, emptyDesign, updateDesignInput } from "./input";
import type { DesignRecord, DesignSummary } from "./types";

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

/** The stored document, checked on the way out: a row that no longer parses is a server fault, not the caller's. */
function storedDocument(row: DesignRow): Design {
  const parsed = safeParseDesign(row.graph);
  if (!parsed.success) throw new Error(`Stored design ${row.id} does not match the design format: ${parsed.error.message}`);
  return { ...parsed.data, name: row.name, description: row.description };
}

function toRecord(row: DesignRow): DesignRecord {
  return { ...toSummary(row), graph: storedDocument(row) };
}

const SUMMARY_FIELDS = { id: true, name: true, description: true, version: true, createdAt: true, updatedAt: true } as const;

export async function listDesigns(): Promise<DesignSummary[]> {
  const db = await getDb();
  const rows = await db.design.findMany({ select: SUMMARY_FIELDS, orderBy: { updatedAt: "desc" } });
  return rows.map(toSummary);
}

export async function createDesign(body: unknown): Promise<DesignRecord> {
  const parsed = createDesignInput.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "design");
  const { name, description, graph } = parsed.data;
  const document: Design = graph ? { ...graph, name, description } : emptyDesign(name, description);
  const db = await getDb();
  const row = await db.design.create({ data: { id: newId("design"), name, description, graph: document } });
  return toRecord(row);
}

export async function getDesign(id: string): Promise<DesignRecord> {
  const db = await getDb();
  const row = await db.design.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Design ${id} does not exist`);
  return toRecord(row);
}

function staleVersion(id: string, yours: number, saved: number): ConflictError {
  return new ConflictError(
    `Design ${id} was changed by someone else (you have version ${yours}, the saved one is ${saved}); reload it and try again`,
  );
}

export async function updateDesign(id: string, body: unknown): Promise<DesignRecord> {
  const parsed = updateDesignInput.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, "design change");
  const { version, graph } = parsed.data;
  const db = await getDb();
  const current = await db.design.findUnique({ where: { id } });
  if (!current) throw new NotFoundError(`Design ${id} does not exist`);
  if (current.version !== version) throw staleVersion(id, version, current.version);

  // A sent document may rename the design; explicit name/description fields win over it.
  const name = parsed.data.name ?? graph?.name ?? current.name;
  const description = parsed.data.description ?? graph?.description ?? current.description;
  const document: Design = { ...(graph ?? storedDocument(current)), name, description };

  // Compare-and-set on the version: of two concurrent saves only one can win.
  const { count } = await db.design.updateMany({
    where: { id, version },
    data: { name, description, graph: document, version: { increment: 1 } },
  });
  if (count === 0) {
    const latest = await db.design.findUnique({ where: { id }, select: { version: true } });
    if (!latest) throw new NotFoundError(`Design ${id} does not exist`);
    throw staleVersion(id, version, latest.version);
  }
  return getDesign(id);
}

export async function deleteDesign(id: string): Promise<void> {
  const db = await getDb();
  const { count } = await db.design.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`Design ${id} does not exist`);
}
