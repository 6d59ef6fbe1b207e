import { describe, expect, it } from "vitest";
import { appliedCount, notAppliedOf, recordStep, settleSteps, startSteps } from "./apply-steps";

const statuses = (steps: ReturnType<typeof startSteps>) => [...steps.values()].map((s) => s.status);

describe("apply steps", () => {
  it("moves the 'applying' mark along as steps succeed", () => {
    let steps = startSteps(3);
    expect(statuses(steps)).toEqual(["running", "pending", "pending"]);
    steps = recordStep(steps, { index: 0, ok: true });
    expect(statuses(steps)).toEqual(["done", "running", "pending"]);
    steps = recordStep(steps, { index: 1, ok: true });
    steps = recordStep(steps, { index: 2, ok: true });
    expect(statuses(steps)).toEqual(["done", "done", "done"]);
    expect(appliedCount(steps)).toBe(3);
  });

  it("keeps the failure's message and leaves the rest not applied", () => {
    let steps = recordStep(startSteps(3), { index: 0, ok: true });
    steps = recordStep(steps, { index: 1, ok: false, error: "AWS denied access: events:PutTargets" });
    steps = settleSteps(steps);
    expect([...steps.values()]).toEqual([{ status: "done" }, { status: "failed", message: "AWS denied access: events:PutTargets" }, { status: "pending" }]);
    expect(notAppliedOf(["rule", "target a", "target b"], steps)).toEqual(["target a", "target b"]);
  });

  it("counts a change that never reported (the stream broke) as not applied", () => {
    const steps = settleSteps(recordStep(startSteps(2), { index: 0, ok: true }));
    expect(statuses(steps)).toEqual(["done", "pending"]);
    expect(appliedCount(steps)).toBe(1);
    expect(notAppliedOf(["a", "b"], steps)).toEqual(["b"]);
  });

  it("has nothing to mark for an empty plan", () => {
    expect(startSteps(0).size).toBe(0);
  });
});
