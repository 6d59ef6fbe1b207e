import { describe, expect, it } from "vitest";
import { layoutDesign } from "./layout";
import { design, node } from "./test-fixtures";

const size = () => ({ width: 200, height: 60 });

describe("layoutDesign", () => {
  it("places producers, buses, rules, targets and resources left to right", () => {
    const d = design(
      [node("lambda", "fn"), node("rule", "rule"), node("dynamodb-table", "table"), node("event-bus", "bus"), node("custom-app", "app")],
      [
        ["app", "bus"],
        ["bus", "rule"],
        ["rule", "fn"],
        ["fn", "table"],
      ],
    );
    const at = layoutDesign(d, size);
    const xs = ["app", "bus", "rule", "fn", "table"].map((id) => at.get(id)!.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
  });

  it("keeps category order for unconnected nodes and stacks siblings without overlap", () => {
    const d = design([node("lambda", "t1"), node("sqs", "t2"), node("custom-app", "p")]);
    const at = layoutDesign(d, size);
    expect(at.get("p")!.x).toBeLessThan(at.get("t1")!.x);
    expect(Math.abs(at.get("t1")!.y - at.get("t2")!.y)).toBeGreaterThanOrEqual(60);
  });
});
