/**
 * The subscriber lab's evaluation in Chromium: the lab's Web Worker (bundled by Vite as the app
 * bundles it) runs lib/eventsv2's filters and the `jsonata` library, answers only the newest
 * request, and locates a JSONata error in the expression text
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html: `{% … %}`
 * over `$events`).
 */
import type { Root } from "react-dom/client";
import { useEffect } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import type { LabEvent } from "@/lib/lab";
import { useSubscriberEvaluation } from "./use-subscriber-evaluation";
import type { SubscriberAnswer, SubscriberRequest } from "./worker-protocol";

const events: LabEvent[] = [
  {
    id: "big",
    name: "big order",
    origin: "design",
    text: JSON.stringify({ version: "0", id: "A-1", "detail-type": "OrderPlaced", source: "com.shop", account: "123456789012", time: "2026-09-23T18:00:00Z", region: "us-east-1", resources: [], detail: { orderId: "A-1", total: 900 } }),
  },
  { id: "raw", name: "raw", origin: "design", text: JSON.stringify({ Data: { orderId: "A-3" }, Metadata: { tenant: "acme" }, SystemMetadata: { ContentType: "application/json" } }) },
];

const jsonata = (expression: string): SubscriberRequest => ({ filters: { DATA: '{"detail":{"total":[{"numeric":[">",500]}]}}' }, transform: { type: "JSONATA", expression }, options: { deliveryType: "LIVE" } });

let latest: SubscriberAnswer | null = null;
const keep = (answer: SubscriberAnswer | null) => {
  latest = answer;
};
function Probe({ request }: { request: SubscriberRequest }) {
  const answer = useSubscriberEvaluation(request, events);
  useEffect(() => keep(answer), [answer]);
  return null;
}

let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  latest = null;
});

describe("useSubscriberEvaluation", () => {
  it("evaluates filters and a JSONata transform in the worker, keeping only the newest answer", async () => {
    root = createRoot(document.body.appendChild(document.createElement("div")));
    const first = jsonata("{% $events.Data.detail.orderId %}");
    root.render(<Probe request={first} />);
    await expect.poll(() => latest?.request, { timeout: 20_000 }).toEqual(first);
    expect(latest?.engine).toBe("worker");
    expect(latest?.evaluation.counts).toEqual({ matched: 1, unmatched: 1, invalidEvents: 0 });
    expect(latest?.evaluation.results.map((r) => r.delivery)).toEqual([
      { ok: true, output: "A-1" },
      { ok: true, output: undefined },
    ]);

    // Three requests in a row: the answer is the last one's, whatever order the worker finishes in.
    const requests = ["{% $events.Metadata %}", "{% $events.SystemMetadata.ContentType %}", "{% $events.Metadata.tenant %}"].map(jsonata);
    for (const request of requests) root.render(<Probe request={request} />);
    await expect.poll(() => latest?.request, { timeout: 20_000 }).toEqual(requests[2]);
    expect(latest?.evaluation.results.map((r) => r.delivery)).toEqual([
      { ok: true, output: undefined },
      { ok: true, output: "acme" },
    ]);

    const broken = "{% $events.Data.orderId & ) %}";
    const withError = jsonata(broken);
    root.render(<Probe request={withError} />);
    await expect.poll(() => latest?.request, { timeout: 20_000 }).toEqual(withError);
    expect(latest?.evaluation.results[0]?.delivery).toMatchObject({ ok: false, error: { offset: broken.indexOf(")") } });
  });
});
