import type { Metadata } from "next";
import { SharedDesign } from "@/components/share/shared-design";

export const metadata: Metadata = { title: "Shared design", robots: { index: false } };

/** A design shared by link: everything is in the URL fragment and decoded in the browser. */
export default function SharePage() {
  return <SharedDesign />;
}
