import { describe, expect, it } from "vitest";
import type { LabEvent } from "@/lib/lab";
import { appendEvents } from "./event-set";

const event = (id: string): LabEvent => ({ id, name: id, text: "{}", origin: "pasted" });

describe("appendEvents", () => {
  it("keeps ids unique by numbering repeats", () => {
    const once = appendEvents([], [event("a"), event("b")]);
    const twice = appendEvents(once, [event("a"), event("a")]);
    expect(twice.map((e) => e.id)).toEqual(["a", "b", "a-2", "a-3"]);
  });

  it("keeps the event objects it does not rename", () => {
    const a = event("a");
    expect(appendEvents([], [a])[0]).toBe(a);
  });
});
