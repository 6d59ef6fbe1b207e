import { LabPage } from "@/components/lab/lab-page";

export const metadata = { title: "Lab" };

export default function Page() {
  return <LabPage />;
}
