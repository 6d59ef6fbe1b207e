import { DesignList } from "@/components/designs/design-list";
import { listDesigns } from "@/lib/designs/repository";

export const metadata = { title: "Designs" };
// The list is read from the database on every request.
export const dynamic = "force-dynamic";

export default async function DesignsPage() {
  const designs = await listDesigns();
  return <DesignList designs={designs} />;
}
