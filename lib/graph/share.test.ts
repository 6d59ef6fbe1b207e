import { deflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { NODE_KINDS, createNode } from "./registry";
import type { Design, DesignEdge, DesignNode } from "./schema";
import { decodeShareLink, encodeShareLink, MAX_DESIGN_BYTES, ShareLinkError, type ShareLinkErrorReason } from "./share";
import { design, node, patternRule } from "./test-fixtures";

const SAMPLE = design(
  [node("custom-app", "app"), node("event-bus", "bus"), patternRule("rule", '{\n  "detail": { "total": [{ "numeric": [">=", 1.50e2] }] }\n}'), node("lambda", "fn")],
  [["app", "bus"], ["bus", "rule"], ["rule", "fn"]],
);

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function failure(text: string): ShareLinkError {
  try {
    decodeShareLink(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ShareLinkError);
    return error as ShareLinkError;
  }
  throw new Error("decoding did not fail");
}

function reason(text: string): ShareLinkErrorReason {
  return failure(text).reason;
}

/** A design of `n` nodes in producer → bus → rule → target chains, like a real one. */
function bigDesign(n: number): Design {
  const nodes: DesignNode[] = [];
  const edges: DesignEdge[] = [];
  const chain = ["custom-app", "event-bus", "rule", "lambda"] as const;
  for (let i = 0; i < n; i++) {
    const kind = chain[i % 4]!;
    nodes.push(createNode(kind, `node_${i}`, { x: (i % 4) * 240, y: Math.floor(i / 4) * 120 }));
    if (i % 4 !== 0) {
      const kindOfEdge = (["puts-events", "feeds", "invokes"] as const)[(i % 4) - 1]!;
      edges.push({ id: `edge_${i}`, kind: kindOfEdge, source: `node_${i - 1}`, target: `node_${i}` });
    }
  }
  return { ...design([]), name: "big", nodes, edges };
}

describe("share links", () => {
  it("round-trips a design exactly, pattern text included", () => {
    const link = encodeShareLink(SAMPLE);
    expect(link).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(decodeShareLink(link)).toEqual(SAMPLE);
  });

  it("round-trips every node kind and unicode text", () => {
    const nodes = NODE_KINDS.map((kind, i) => createNode(kind, `n${i}`, { x: i, y: i * 10.5 }));
    const d: Design = { ...design(nodes), name: "Bestellungen 🚚", description: "naïve — 注文" };
    expect(decodeShareLink(encodeShareLink(d))).toEqual(d);
  });

  it("tolerates surrounding whitespace (pasted links)", () => {
    expect(decodeShareLink(`  ${encodeShareLink(SAMPLE)}\n`)).toEqual(SAMPLE);
  });

  it("refuses to encode fields outside the schema, so nothing secret-looking can ride along", () => {
    const leaky = { ...SAMPLE, nodes: [...SAMPLE.nodes, { ...node("sqs", "q"), awsSecretAccessKey: "wJalr" } as DesignNode] };
    expect(() => encodeShareLink(leaky)).toThrow(ShareLinkError);
    expect(() => encodeShareLink({ ...SAMPLE, token: "x" } as Design)).toThrow(/Unrecognized key/);
  });

  it("encodes exactly the schema's fields: the decoded JSON has no other keys", () => {
    const link = encodeShareLink(SAMPLE);
    const decoded = decodeShareLink(link);
    expect(decoded).toStrictEqual(SAMPLE);
    expect(JSON.stringify(decoded)).not.toMatch(/secret|password|credential|token/i);
  });

  it("names the version problem: newer link format, or no version at all", () => {
    const payload = encodeShareLink(SAMPLE).slice(3);
    expect(failure(`v2.${payload}`)).toMatchObject({ reason: "unknown-version", message: expect.stringContaining("newer Switchyard") });
    expect(reason(payload)).toBe("unknown-version");
    expect(reason("https://example.com/")).toBe("unknown-version");
  });

  it("rejects truncated links", () => {
    const link = encodeShareLink(SAMPLE);
    for (const cut of [link.length - 1, link.length - 5, Math.floor(link.length / 2), 4]) {
      expect(["corrupt", "not-base64url"]).toContain(reason(link.slice(0, cut)));
    }
  });

  it("rejects altered links", () => {
    const link = encodeShareLink(SAMPLE);
    const flipped = link.slice(0, 20) + (link[20] === "A" ? "B" : "A") + link.slice(21);
    expect(["corrupt", "not-json", "invalid-design"]).toContain(reason(flipped));
    expect(reason(`${link.slice(0, 10)}!${link.slice(11)}`)).toBe("not-base64url");
  });

  it("rejects empty input and foreign payloads with what is wrong", () => {
    expect(reason("")).toBe("empty");
    expect(reason("v1.")).toBe("corrupt");
    expect(reason(`v1.${base64url(deflateSync(new TextEncoder().encode("hello")))}`)).toBe("not-json");
    const foreign = failure(`v1.${base64url(deflateSync(new TextEncoder().encode(JSON.stringify({ nodes: [] }))))}`);
    expect(foreign.reason).toBe("invalid-design");
    // Foreign JSON is named as such, not answered with every field it lacks.
    expect(foreign.issues).toEqual([{ path: "format", message: expect.stringMatching(/^Not a Switchyard design: it has no format field/) }]);
    expect(foreign.message).toContain("format: Not a Switchyard design");
  });

  it("rejects a design file of a newer document version inside a v1 link", () => {
    const newer = { ...SAMPLE, version: 2 };
    const error = failure(`v1.${base64url(deflateSync(new TextEncoder().encode(JSON.stringify(newer))))}`);
    expect(error.issues).toEqual([expect.objectContaining({ path: "version" })]);
    expect(error.message).toMatch(/newer Switchyard \(design format version 2\)/);
  });

  it("refuses a link that inflates beyond the size limit (zip bomb)", () => {
    const bomb = new Uint8Array(MAX_DESIGN_BYTES + 1).fill(32);
    const link = `v1.${base64url(deflateSync(bomb, { level: 9 }))}`;
    expect(link.length).toBeLessThan(20_000);
    expect(reason(link)).toBe("too-large");
  });

  it("keeps a 100-node design's link short", () => {
    const link = encodeShareLink(bigDesign(100));
    const json = JSON.stringify(bigDesign(100)).length;
    console.log(`100-node design: ${json} bytes of JSON → ${link.length}-character link`);
    expect(decodeShareLink(link)).toEqual(bigDesign(100));
    expect(link.length).toBeLessThan(json / 4);
    expect(link.length).toBeLessThan(8_000);
  });
});
