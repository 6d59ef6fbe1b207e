/**
 * The lab's preview of a schedule: next fires in its zone, and the input its target receives with
 * the context attributes filled in (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html);
 * a bus target's event as PutEvents makes it (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html).
 */
import { describe, expect, it } from "vitest";
import { design, node } from "../graph/test-fixtures";
import { previewSchedule } from "./schedule-preview";

const now = Date.parse("2027-01-10T12:00:00Z");

describe("previewSchedule", () => {
  it("lists a Berlin night's fires in winter at 01:00Z and fills the Step Functions input for the next one", () => {
    const s = node("schedule", "s", { name: "nightly", expression: "cron(0 2 * * ? *)", timezone: "Europe/Berlin", targetInput: '{"for":"<aws.scheduler.scheduled-time>","by":"<aws.scheduler.schedule-arn>"}' });
    const d = design([node("schedule-group", "g", { name: "reports" }), s, node("step-functions", "sfn", { stateMachineName: "nightly-report" })], [["g", "s"], ["s", "sfn"]]);
    const preview = previewSchedule(d, s, now);
    expect(preview.fires.map((f) => new Date(f.scheduled).toISOString())).toHaveLength(10);
    expect(new Date(preview.fires[0].scheduled).toISOString()).toBe("2027-01-11T01:00:00.000Z");
    expect(preview.target).toMatchObject({ kind: "resource", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:nightly-report" });
    expect(preview.payload).toBe('{"for":"2027-01-11T01:00:00Z","by":"arn:aws:scheduler:us-east-1:123456789012:schedule/reports/nightly"}');
    expect(preview.event).toBeUndefined();
  });

  it("shows a bus target's event: the input as detail, the schedule as its resource", () => {
    const s = node("schedule", "s", { name: "tick", expression: "rate(1 hour)", source: "billing", detailType: "Tick", targetInput: '{"n":<aws.scheduler.attempt-number>}' });
    const d = design([s, node("event-bus", "b", { name: "ops", variant: "custom" })], [["s", "b"]]);
    const event = JSON.parse(previewSchedule(d, s, now).event ?? "null") as Record<string, unknown>;
    expect(event).toMatchObject({ source: "billing", "detail-type": "Tick", time: "2027-01-10T13:00:00Z", resources: ["arn:aws:scheduler:us-east-1:123456789012:schedule/default/tick"], detail: { n: 1 } });
  });

  it("says why nothing is listed when the expression does not parse, and has no payload past a one-time schedule", () => {
    const bad = node("schedule", "s", { expression: "cron(0 2 * * * *)" });
    expect(previewSchedule(design([bad]), bad, now)).toMatchObject({ fires: [], problem: expect.stringContaining("?") });
    const past = node("schedule", "s", { expression: "at(2026-12-24T09:00:00)" });
    expect(previewSchedule(design([past, node("sqs", "q")], [["s", "q"]]), past, now)).toMatchObject({ fires: [], payload: undefined });
  });
});
