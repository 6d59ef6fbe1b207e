import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PushPanel } from "@/components/aws/push-panel";
import { nodeTitle } from "@/components/canvas/kind-views";
import { getDesign } from "@/lib/designs/repository";
import { NotFoundError } from "@/lib/errors";
import { validateDesign } from "@/lib/graph";

// The plan is of the saved design: read it on every request.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Push to AWS" };

export default async function PushPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const record = await load(id);
  // Named as the designer's problems panel names them: by the node's title.
  const titles = new Map(record.graph.nodes.map((node) => [node.id, nodeTitle(node)]));
  const errors = validateDesign(record.graph)
    .filter((problem) => problem.severity === "error")
    .map((problem) => ({ where: problem.nodeId === undefined ? undefined : (titles.get(problem.nodeId) ?? problem.nodeId), message: problem.message }));
  return <PushPanel designId={record.id} designName={record.name} designErrors={errors} />;
}

async function load(id: string) {
  try {
    return await getDesign(id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
