/**
 * The lab's pipe preview runs the pipe's engine on the source's samples: the filter sees an SQS
 * body parsed (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-event-filtering.html),
 * the enrichment's answer is what the target input template reads
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-input-transformation.html).
 */
import { describe, expect, it } from "vitest";
import type { Design, NodeOfKind } from "@/lib/graph";
import { orderPipeline } from "@/lib/starters/order-pipeline";
import { previewPipe } from "./pipe-preview";

const starter = orderPipeline();
const pipeOf = (design: Design) => design.nodes.find((n): n is NodeOfKind<"pipe"> => n.kind === "pipe")!;
const samplesOf = (design: Design) => (design.samples ?? []).filter((s) => s.producer === "orders-queue").map((s) => ({ name: s.name, text: s.event }));

describe("previewPipe", () => {
  it("passes the PAID order, drops the PENDING one, and sends the enrichment the templated order", async () => {
    const preview = await previewPipe(pipeOf(starter), starter, samplesOf(starter), undefined);
    expect(preview).toEqual({
      ok: true,
      records: [
        {
          name: "Paid order o-1001 (980.00)",
          passes: true,
          enrichmentRequest: '{"orderId":"o-1001","customerId":"c-42","total":980}',
          targetReceives: [],
          stoppedBecause: "Type a sample answer of the enrichment to see what the target receives.",
        },
        { name: "Pending order o-1002", passes: false, targetReceives: [] },
      ],
    });
  });

  it("fills the target template from the typed enrichment answer", async () => {
    const answer = JSON.stringify({ orderId: "o-1001", total: 980, customer: { id: "c-42", tier: "gold" } });
    const preview = await previewPipe(pipeOf(starter), starter, samplesOf(starter), answer);
    expect(preview.ok && preview.records[0]!.targetReceives).toEqual(['{"orderId": "o-1001", "total": 980, "customer": {"id":"c-42","tier":"gold"}}']);
  });

  it("without an enrichment, fills the target template from the record with its body parsed", async () => {
    const pipe = { ...pipeOf(starter), enrichment: undefined, targetInputTemplate: '{"order": "<$.body.orderId>", "status": "<$.body.status>"}' };
    const design = { ...starter, nodes: starter.nodes.map((n) => (n.kind === "pipe" ? pipe : n)) };
    const preview = await previewPipe(pipe, design, samplesOf(starter), undefined);
    expect(preview.ok && preview.records.map((r) => r.targetReceives)).toEqual([['{"order": "o-1001", "status": "PAID"}'], []]);
  });

  it("says what keeps a pipe from running: no source, a record that is not JSON", async () => {
    const pipe = pipeOf(starter);
    const alone = { ...starter, edges: starter.edges.filter((e) => e.kind !== "feeds-pipe") };
    expect(await previewPipe(pipe, alone, [], undefined)).toEqual({ ok: false, message: "Pipe paid-orders has no source: connect a queue or stream to it." });
    const preview = await previewPipe(pipe, starter, [{ name: "broken", text: "{" }], undefined);
    expect(preview).toEqual({ ok: true, records: [{ name: "broken", passes: false, targetReceives: [], stoppedBecause: "The record is not valid JSON." }] });
  });
});
