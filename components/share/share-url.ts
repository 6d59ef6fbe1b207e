/**
 * Where share links point: `/share#v1.…`. The design rides in the fragment, which browsers never
 * send to a server, so a shared design does not end up in server or proxy logs.
 */
import { encodeShareLink, type Design } from "@/lib/graph";

export const SHARE_PATH = "/share";

/** The share URL of `design` on the site at `origin`; throws `ShareLinkError` for an invalid design. */
export function shareUrl(origin: string, design: Design): string {
  return `${origin}${SHARE_PATH}#${encodeShareLink(design)}`;
}
