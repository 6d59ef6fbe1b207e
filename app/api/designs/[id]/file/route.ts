import { route } from "@/lib/boundary";
import { getDesign } from "@/lib/designs/repository";
import { designFileName, writeDesignFile } from "@/lib/graph";

/** The design as a file download (`<name>.switchyard.json`), the format users keep in git. */
export const GET = route(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { graph } = await getDesign((await params).id);
  return new Response(writeDesignFile(graph), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": attachment(designFileName(graph.name)),
      "cache-control": "no-store",
    },
  });
});

/** RFC 6266: an ASCII `filename` for old clients, the exact UTF-8 name in `filename*`. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  // encodeURIComponent leaves ' ( ) bare, which RFC 5987 values may not contain.
  const utf8 = encodeURIComponent(fileName).replace(/['()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
