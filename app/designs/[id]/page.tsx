import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDesign } from "@/lib/designs/repository";
import type { DesignRecord } from "@/lib/designs/types";
import { NotFoundError } from "@/lib/errors";
import { DesignWorkspace } from "./design-workspace";

// Always the saved version: the editor's autosave compares against it.
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
}

/** The design, or null when there is none; read once per request although the title and the page both need it. */
const load = cache(async (id: string): Promise<DesignRecord | null> => {
  try {
    return await getDesign(id);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await load(id))?.name ?? "Design not found" };
}

export default async function DesignPage({ params }: Props) {
  const { id } = await params;
  const record = await load(id);
  if (!record) notFound();
  return <DesignWorkspace record={record} />;
}
