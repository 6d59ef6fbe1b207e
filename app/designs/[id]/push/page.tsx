import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PushPanel } from "@/components/aws/push-panel";
import { getDesign } from "@/lib/designs/repository";
import { NotFoundError } from "@/lib/errors";

// The plan is of the saved design: read it on every request.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Push to AWS" };

export default async function PushPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const record = await load(id);
  return <PushPanel designId={record.id} designName={record.name} />;
}

async function load(id: string) {
  try {
    return await getDesign(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
