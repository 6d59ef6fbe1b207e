/**
 * Scheduler's and Pipes' rules as problems. Limits: the Scheduler API reference's CreateSchedule
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html) and the
 * Pipes API reference's CreatePipe
 * (https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_CreatePipe.html).
 */
import { describe, expect, it } from "vitest";
import type { Design } from "./schema";
import { design, node } from "./test-fixtures";
import { validateDesign } from "./validate";

const codes = (d: Design) => validateDesign(d).map((p) => `${p.code}${p.field ? `@${p.field}` : ""}`);

describe("Scheduler validation", () => {
  it("finds nothing wrong in a schedule in a group delivering to a state machine", () => {
    const d = design([node("schedule-group", "g"), node("schedule", "s", { expression: "cron(0 2 * * ? *)", timezone: "Europe/Berlin" }), node("step-functions", "sfn")], [["g", "s"], ["s", "sfn"]]);
    expect(d.edges.map((e) => e.kind)).toEqual(["contains", "delivers"]);
    expect(codes(d)).toEqual([]);
  });

  it("checks the expression, the time zone, the window and the name", () => {
    const s = node("schedule", "s", { name: "nightly report", expression: "cron(0 2 * * * *)", timezone: "Europe/Bonn", flexibleWindowMinutes: 1441 });
    expect(codes(design([s, node("sqs", "q")], [["s", "q"]]))).toEqual(["invalid-name@name", "invalid-schedule-expression@expression", "invalid-time-zone@timezone", "out-of-range@flexibleWindowMinutes"]);
  });

  it("wants exactly one target: an edge or a universal target", () => {
    expect(codes(design([node("schedule", "s")]))).toEqual(["unconnected-node", "schedule-without-target"]);
    expect(codes(design([node("schedule", "s", { universalTarget: { service: "sqs", action: "sendMessage" } })]))).toEqual(["unconnected-node"]);
    const two = design([node("schedule", "s"), node("sqs", "q"), node("lambda", "fn")], [["s", "q"], ["s", "fn"]]);
    expect(codes(two)).toEqual(["too-many-schedule-targets"]);
  });
});

describe("Pipes validation", () => {
  it("finds nothing wrong in a queue read by a pipe that puts events on a bus", () => {
    const d = design([node("sqs-queue-source", "q", { reader: "pipe" }), node("pipe", "p"), node("event-bus", "b")], [["q", "p"], ["p", "b"]]);
    expect(d.edges.map((e) => e.kind)).toEqual(["feeds-pipe", "puts-events"]);
    expect(codes(d)).toEqual([]);
  });

  it("wants the source read by a pipe, one source and one target", () => {
    const d = design([node("sqs-queue-source", "q"), node("kinesis-stream-source", "k", { reader: "pipe" }), node("pipe", "p"), node("lambda", "fn"), node("sqs", "out")], [["q", "p"], ["k", "p"], ["p", "fn"], ["p", "out"]]);
    expect(codes(d)).toEqual(["stream-reader-mismatch@reader", "too-many-pipe-sources", "too-many-pipe-targets"]);
    expect(codes(design([node("pipe", "p", { name: "paid orders" })]))).toEqual(["unconnected-node", "invalid-name@name", "pipe-without-source", "pipe-without-target"]);
  });

  it("keeps the batching window within 300 seconds", () => {
    const d = design([node("sqs-queue-source", "q", { reader: "pipe", batchingWindowSeconds: 301 }), node("pipe", "p"), node("event-bus", "b")], [["q", "p"], ["p", "b"]]);
    expect(codes(d)).toEqual(["out-of-range@batchingWindowSeconds"]);
  });
});
