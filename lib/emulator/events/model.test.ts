/**
 * The model the local EventBridge checks requests against (model.ts, generated from botocore):
 * every operation in it is answered, every pattern compiles, and it agrees with the botocore
 * installed here (the AWS CLI's), when there is one.
 */
import { describe, expect, it } from "vitest";
import { compiled } from "../protocol/shapes";
import { botocoreModel } from "../protocol/botocore";
import { EVENTS_MODEL } from "./model";
import { OPERATIONS } from "./operations";

const installed = botocoreModel("python3", "events");

describe("EVENTS_MODEL", () => {
  it("is answered: every operation of the model has an implementation, and nothing else does", () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(Object.keys(EVENTS_MODEL.operations).sort());
  });

  it("has patterns JavaScript can test", () => {
    const patterns = Object.values(EVENTS_MODEL.shapes).flatMap((shape) => ("pattern" in shape && shape.pattern !== undefined ? [shape.pattern] : []));
    expect(patterns.length).toBeGreaterThan(40);
    for (const pattern of patterns) expect(() => compiled(pattern), pattern).not.toThrow();
  });

  it.skipIf(installed === undefined)(`agrees with the installed botocore ${installed?.version ?? "(none: python3 imports no botocore)"}`, () => {
    const botocore = installed!.model;
    for (const [operation, input] of Object.entries(EVENTS_MODEL.operations)) {
      if (botocore.operations[operation] !== undefined) expect(botocore.operations[operation].input?.shape ?? null, operation).toBe(input);
    }
    for (const [name, shape] of Object.entries(EVENTS_MODEL.shapes)) {
      const theirs = botocore.shapes[name];
      if (theirs === undefined) continue;
      const expected: Record<string, unknown> = { type: theirs.type };
      if (theirs.members !== undefined) expected.members = Object.fromEntries(Object.entries(theirs.members).map(([member, ref]) => [member, ref.shape]));
      for (const key of ["required", "min", "max", "pattern", "enum", "sensitive"] as const) if (theirs[key] !== undefined) expected[key] = theirs[key];
      if (theirs.member !== undefined) expected.member = theirs.member.shape;
      if (theirs.key !== undefined) expected.key = theirs.key.shape;
      if (theirs.value !== undefined) expected.value = theirs.value.shape;
      const ours: Record<string, unknown> = { ...shape };
      delete ours.enumInMessages;
      expect(ours, name).toEqual(expected);
    }
  });
});
