import { deflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodeShareLink, encodeShareLink } from "@/lib/graph";
import { design, node, patternRule } from "@/lib/graph/test-fixtures";
import { catalogueEvents } from "./catalogue";
import { decodeLabLink, encodeLabLink, LabLinkError, MAX_LAB_LINK_BYTES, type LabLinkErrorReason, type LabState } from "./share";

const STATE: LabState = {
  pattern: '{\n  "detail": { "total_cost": [{ "numeric": [">", 2.00e2] }] }\n}',
  events: catalogueEvents(3),
  expectations: { "catalogue-1": "match", "catalogue-2": "no-match" },
};

function link(json: string): string {
  const bytes = deflateSync(new TextEncoder().encode(json));
  return `v1.${btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}

function failure(text: string): LabLinkError {
  try {
    decodeLabLink(text);
  } catch (error) {
    expect(error).toBeInstanceOf(LabLinkError);
    return error as LabLinkError;
  }
  throw new Error("decoding did not fail");
}

const reason = (text: string): LabLinkErrorReason => failure(text).reason;

describe("lab share links", () => {
  it("round-trips pattern text, event texts and expectations exactly", () => {
    const encoded = encodeLabLink(STATE);
    expect(encoded).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(decodeLabLink(encoded)).toEqual(STATE);
    const stream: LabState = { ...STATE, kind: "kafka", expectations: {} };
    expect(decodeLabLink(encodeLabLink(stream))).toEqual(stream);
  });

  it("shares the design links' transport: a lab link is no design and a design link is no lab", () => {
    const labLink = encodeLabLink(STATE);
    expect(() => decodeShareLink(labLink)).toThrow(/Not a Switchyard design/);
    const designLink = encodeShareLink({ format: "switchyard.design", version: 1, name: "d", description: "", nodes: [], edges: [] } as Parameters<typeof encodeShareLink>[0]);
    expect(reason(designLink)).toBe("invalid-lab-state");
  });

  it("left design links byte-identical when their codec was shared (a link made before the change)", () => {
    const golden = {
      ...design(
        [node("custom-app", "app", { source: "com.shop" }), node("event-bus", "bus", { name: "orders" }), patternRule("rule", '{"detail": {"total": [{"numeric": [">=", 1.50e2]}], "name": ["Bestellung 🚚"]}}'), node("lambda", "fn")],
        [["app", "bus"], ["bus", "rule"], ["rule", "fn"]],
      ),
      name: "golden",
    };
    const before = "v1.jVLLattAFP0Vc9eysUNTgqAFF7ropg1td5EX45krecg8xDzcCKEfyaa_2E_oHc1ENoRANsPcx7mPc88IrXWaBajB_5GBnwbmxEagl52BCs7ovLQG6l0FhmmktM4qgSlGSdzJPsxxIIex5IL6YQQpyMP6npy99TKnjPAE9baCgd6pgkdpUhaPPli9zsmlBRnF4W10PLm41Rt_ssknMDCpfg_93Ax-OIHuXjGOAg5TVZofo39HczyjCeucS2-qmXop5r3kaX3mJDOJnDzmZUSbunpY-rmo8B0NS1opUqxXRKJhR0Xr1MFFrCA42XXoUs2QJ-xZCOjSEV5-NYxNYaaBekVGsIHN_wcyTNToJJ_NBj5_aqBa7Ta3W7w5TIdqRQk0UYl-QR9QqWi61b-_z88NsTrBtGzazm3f2lOaPhJfy6QkLX5CsZ6ZJrrAYXDDvVWSE2Kk-JPUUX9N4X2H38wv5NYIuuzdxw9bqlsSfibYnnbVfaDg7u6WanFnvd9zbmO6UcuUJ7YK04rpo2A0ahsNT6N-z5zrYf3iAVodUHTXosUtQUoJ2sTnwZM-FilmZQbmOkzKSOpZyMHdBd4i0h5XwKyzBThf_4K8uSClOdtHmuoKW6SygOkK02H6Dw";
    expect(encodeShareLink(golden)).toBe(before);
    expect(decodeShareLink(before)).toEqual(golden);
  });

  it("rejects damaged, foreign and oversized links with what is wrong", () => {
    const encoded = encodeLabLink(STATE);
    expect(reason("")).toBe("empty");
    expect(failure("")).toMatchObject({ message: "The link carries no lab state" });
    expect(reason(encoded.slice(0, encoded.length - 7))).toMatch(/^(corrupt|not-base64url)$/);
    expect(reason(`v2.${encoded.slice(3)}`)).toBe("unknown-version");
    expect(reason(`${encoded.slice(0, 10)}!${encoded.slice(11)}`)).toBe("not-base64url");
    expect(reason(link("hello"))).toBe("not-json");
    const bomb = `v1.${btoa(String.fromCharCode(...deflateSync(new Uint8Array(MAX_LAB_LINK_BYTES + 1).fill(32), { level: 9 }))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
    expect(reason(bomb)).toBe("too-large");
  });

  it("validates the content strictly: unknown fields, duplicate ids, expectations of no event", () => {
    const extra = failure(link(JSON.stringify({ ...STATE, secret: "x" })));
    expect(extra.reason).toBe("invalid-lab-state");
    expect(extra.message).toMatch(/Unrecognized key/);
    const duplicate = failure(link(JSON.stringify({ ...STATE, events: [STATE.events[0], STATE.events[0]] })));
    expect(duplicate.issues).toContainEqual({ path: "events.1.id", message: 'Two events share the id "catalogue-1"' });
    expect(failure(link(JSON.stringify({ ...STATE, expectations: { ghost: "match" } }))).issues).toContainEqual({ path: "expectations.ghost", message: 'An expectation refers to no event ("ghost")' });
    expect(() => encodeLabLink({ ...STATE, expectations: { ghost: "match" } })).toThrow(/^This lab cannot be shared: expectations\.ghost/);
  });

  it("keeps a 200-event lab's link shareable and refuses one past the length cap", () => {
    const lab: LabState = { pattern: "{}", events: catalogueEvents(200), expectations: {} };
    const encoded = encodeLabLink(lab);
    console.log(`200 catalogue events: ${JSON.stringify(lab).length} bytes of JSON → ${encoded.length}-character link`);
    expect(decodeLabLink(encoded)).toEqual(lab);
    // Random text hardly compresses: 4 MB of it cannot fit in a link.
    const noise = Array.from({ length: 400_000 }, () => Math.random().toString(36).slice(2, 12)).join("");
    const huge: LabState = { pattern: "{}", events: [{ id: "n", name: "noise", text: `{"n": "${noise}"}`, origin: "pasted" }], expectations: {} };
    expect(() => encodeLabLink(huge)).toThrow(/^This lab is too large to share by link/);
  });
});
