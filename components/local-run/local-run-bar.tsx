"use client";

import Link from "next/link";
import { requestJson } from "@/components/api-client";
import { useState } from "react";
import type { DeployReport } from "@/lib/bus/deploy-design";
import { designPathOf } from "@/lib/bus/design-path";
import type { TestEventPath } from "@/lib/bus/test-event";
import { categoryOf, type Design } from "@/lib/graph";
import type { CanvasHighlight } from "@/components/canvas/highlight";

type Outcome =
  | { readonly kind: "idle" }
  | { readonly kind: "busy"; readonly what: string }
  | { readonly kind: "deployed"; readonly report: DeployReport }
  | { readonly kind: "sent"; readonly paths: readonly TestEventPath[] }
  | { readonly kind: "failed"; readonly message: string };

function post<T>(url: string, body?: unknown): Promise<T> {
  return requestJson<T>(url, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Producers that put events on a bus: the ones a test event can start from. */
function sendingProducers(design: Design) {
  const feeding = new Set(design.edges.filter((e) => e.kind === "puts-events").map((e) => e.source));
  return design.nodes.filter((node) => categoryOf(node.kind) === "producer" && feeding.has(node.id));
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "Run locally" deploys the saved design to the local EventBridge; "Send test event" puts a
 * producer's event on it and lights up the path it took on the canvas.
 */
export function LocalRunBar({
  designId,
  currentDesign,
  saved,
  onHighlight,
}: {
  designId: string;
  /** The document as edited now (for the producer list). */
  currentDesign: Design;
  /** Resolves when the edited document is saved: the server deploys what is saved. */
  saved: () => Promise<void>;
  onHighlight: (highlight: CanvasHighlight | undefined) => void;
}) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const producers = sendingProducers(currentDesign);
  const [producerId, setProducerId] = useState("");
  const chosen = producers.some((p) => p.id === producerId) ? producerId : (producers[0]?.id ?? "");

  const run = async (what: string, action: () => Promise<Outcome>) => {
    setOutcome({ kind: "busy", what });
    onHighlight(undefined);
    try {
      await saved();
      setOutcome(await action());
    } catch (error) {
      setOutcome({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  const deploy = () =>
    run("Deploying…", async () => ({ kind: "deployed", report: await post<DeployReport>(`/api/designs/${encodeURIComponent(designId)}/run-locally`) }));

  const send = () =>
    run("Sending…", async () => {
      const { paths } = await post<{ paths: TestEventPath[] }>(`/api/designs/${encodeURIComponent(designId)}/send-test-event`, { producerId: chosen });
      const path = designPathOf(currentDesign, chosen, paths);
      onHighlight({ nodeIds: new Set(path.nodeIds), edgeIds: new Set(path.edgeIds) });
      return { kind: "sent", paths };
    });

  const button =
    "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";
  const busy = outcome.kind === "busy";

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50 px-4 py-1.5 text-sm dark:border-slate-800 dark:bg-slate-900/60">
      <span className="font-medium text-slate-600 dark:text-slate-300">Local EventBridge:</span>
      <button type="button" className={button} onClick={deploy} disabled={busy}>
        Run locally
      </button>
      <label className="sr-only" htmlFor="test-event-producer">
        Producer of the test event
      </label>
      <select
        id="test-event-producer"
        value={chosen}
        onChange={(e) => setProducerId(e.target.value)}
        disabled={producers.length === 0 || busy}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      >
        {producers.length === 0 && <option value="">No producer puts events on a bus</option>}
        {producers.map((p) => (
          <option key={p.id} value={p.id}>
            {"name" in p && typeof p.name === "string" && p.name !== "" ? p.name : p.id}
          </option>
        ))}
      </select>
      <button type="button" className={button} onClick={send} disabled={busy || chosen === ""}>
        Send test event
      </button>
      <p role="status" data-testid="local-run-status" className="min-w-0 flex-1 truncate text-slate-600 dark:text-slate-300">
        <OutcomeText outcome={outcome} />
      </p>
    </div>
  );
}

function OutcomeText({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case "idle":
      return null;
    case "busy":
      return <>{outcome.what}</>;
    case "failed":
      return <span className="text-red-700 dark:text-red-400">{outcome.message}</span>;
    case "deployed": {
      const { report } = outcome;
      const summary = `Running locally: ${count(report.buses.length, "bus", "buses")}, ${count(report.rules.length, "rule", "rules")}, ${count(report.targets, "target", "targets")}.`;
      const problems = report.problems.map((p) => `${p.nodeId}: ${p.message}`).join("; ");
      return (
        <span title={problems || undefined}>
          {summary}
          {problems && <span className="text-amber-700 dark:text-amber-400"> {count(report.problems.length, "problem", "problems")}: {problems}</span>}
        </span>
      );
    }
    case "sent": {
      const rules = outcome.paths.reduce((sum, p) => sum + p.matchedRules.length, 0);
      const deliveries = outcome.paths.flatMap((p) => p.deliveries);
      return (
        <>
          Test event matched {count(rules, "rule", "rules")}, {count(deliveries.length, "delivery", "deliveries")}
          {deliveries.length > 0 && ` (${deliveries.map((d) => `${d.targetId}: ${d.status}`).join(", ")})`}.{" "}
          <Link href="/events" className="text-indigo-700 underline dark:text-indigo-300">
            See it in Events
          </Link>
        </>
      );
    }
  }
}
