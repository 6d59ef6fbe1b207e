import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDesign } from "@/lib/designs/repository";
import type { DesignRecord } from "@/lib/designs/types";
import { NotFoundError } from "@/lib/errors";
import { DesignWorkspace } from "./design-workspace";

// Always the saved version: the editor's autosave compares against it.
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
}

async function load(id: string): Promise<DesignRecord> {
  try {
    return await getDesign(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  try {
    return { title: (await getDesign(id)).name };
  } catch {
    return { title: "Design" };
  }
}

export default async function DesignPage({ params }: Props) {
  const { id } = await params;
  return <DesignWorkspace record={await load(id)} />;
}
