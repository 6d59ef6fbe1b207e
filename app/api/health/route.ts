import { checkDatabase } from "@/lib/db";

// Health must reflect the database now, never a cached answer.
export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  return Response.json({ status: database.ok ? "ok" : "unavailable", database }, { status: database.ok ? 200 : 503 });
}
