import { describe, expect, it } from "vitest";
import { createNode, decodeShareLink, DESIGN_FORMAT, DESIGN_VERSION, ShareLinkError, type Design } from "@/lib/graph";
import { shareUrl } from "./share-url";

const DESIGN: Design = {
  format: DESIGN_FORMAT,
  version: DESIGN_VERSION,
  name: "Orders",
  description: "",
  nodes: [createNode("event-bus", "bus", { x: 0, y: 0 }), createNode("rule", "rule", { x: 240, y: 0 })],
  edges: [{ id: "e1", kind: "feeds", source: "bus", target: "rule" }],
};

describe("shareUrl", () => {
  it("puts the design in the fragment of /share, where no server sees it", () => {
    const url = new URL(shareUrl("https://switchyard.example:8443", DESIGN));
    expect([url.origin, url.pathname, url.search]).toEqual(["https://switchyard.example:8443", "/share", ""]);
    expect(decodeShareLink(url.hash.slice(1))).toEqual(DESIGN);
  });

  it("refuses a design outside the schema instead of making a link", () => {
    expect(() => shareUrl("http://127.0.0.1:3000", { ...DESIGN, apiKey: "k" } as Design)).toThrow(ShareLinkError);
  });
});
