"use client";

/**
 * Import an account's buses, rules and targets (with its schedule groups, schedules and pipes,
 * unless one bus is chosen) as a new design: all buses, one bus, or rules whose name starts with a
 * prefix. Progress shows as pages are read; the new design opens in
 * the designer, already laid out.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import type { ReadProgress, ReadScope } from "@/lib/aws/read-account";
import type { DesignSummary } from "@/lib/designs/types";
import { DESIGN_NAME_MAX_LENGTH } from "@/lib/limits";
import { importAccount } from "./api";
import { NewBusImportNote } from "./new-bus-part";

type Scope = "all" | "bus" | "prefix";

type Status =
  | { readonly kind: "idle" }
  | { readonly kind: "reading"; readonly progress?: ReadProgress }
  | { readonly kind: "imported"; readonly design: DesignSummary; readonly warnings: readonly string[] }
  | { readonly kind: "failed"; readonly message: string };

const PHASES: Record<ReadProgress["phase"], string> = {
  buses: "Listing event buses",
  rules: "Listing rules",
  targets: "Listing targets",
  schedules: "Reading schedule groups and schedules",
  pipes: "Reading pipes",
  done: "Building the design",
};
const input =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800";

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

export function ImportPanel() {
  const router = useRouter();
  const ids = { bus: useId(), prefix: useId(), name: useId() };
  const [scope, setScope] = useState<Scope>("all");
  const [bus, setBus] = useState("");
  const [prefix, setPrefix] = useState("");
  const [name, setName] = useState("");
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);

  const readScope = (): ReadScope => (scope === "bus" ? { bus: bus.trim() } : scope === "prefix" ? { rulePrefix: prefix.trim() } : {});
  const missing = (scope === "bus" && bus.trim() === "") || (scope === "prefix" && prefix.trim() === "");
  const busy = status.kind === "reading" || (status.kind === "imported" && status.warnings.length === 0);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ kind: "reading" });
    let finished = false;
    try {
      await importAccount(
        readScope(),
        name,
        (line) => {
          if (line.type === "progress") setStatus({ kind: "reading", progress: line });
          else if (line.type === "error") {
            finished = true;
            setStatus({ kind: "failed", message: line.error.message });
          } else {
            finished = true;
            setStatus({ kind: "imported", design: line.design, warnings: line.warnings });
            // With warnings the user reads them first and opens the design from the link.
            if (line.warnings.length === 0) router.push(`/designs/${encodeURIComponent(line.design.id)}`);
          }
        },
        controller.signal,
      );
      if (!finished) setStatus({ kind: "failed", message: "The import ended without a result; try again." });
    } catch (error) {
      if (controller.signal.aborted) setStatus({ kind: "failed", message: "Import cancelled." });
      else setStatus({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    } finally {
      abort.current = null;
    }
  };

  return (
    <section aria-labelledby="aws-import-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="aws-import-title" className="text-lg font-semibold">
        Import from AWS
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Reads event buses, rules and their targets, Scheduler&apos;s schedule groups and schedules, and pipes from the account in Settings → AWS and saves them as a new design.
      </p>
      <NewBusImportNote />
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy && !missing) void start();
        }}
      >
        <fieldset disabled={busy} className="space-y-2">
          <legend className="text-sm font-medium">What to import</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="import-scope" checked={scope === "all"} onChange={() => setScope("all")} />
            All event buses, schedules and pipes
          </label>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="import-scope" checked={scope === "bus"} onChange={() => setScope("bus")} />
              One bus
            </label>
            <label htmlFor={ids.bus} className="sr-only">
              Bus name
            </label>
            <input id={ids.bus} value={bus} onChange={(e) => setBus(e.target.value)} onFocus={() => setScope("bus")} placeholder="bus name" className={input} />
          </div>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="import-scope" checked={scope === "prefix"} onChange={() => setScope("prefix")} />
              Rules whose name starts with
            </label>
            <label htmlFor={ids.prefix} className="sr-only">
              Rule name prefix
            </label>
            <input id={ids.prefix} value={prefix} onChange={(e) => setPrefix(e.target.value)} onFocus={() => setScope("prefix")} placeholder="prefix" className={input} />
          </div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor={ids.name} className="font-medium">
            Name of the new design <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
          </label>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} disabled={busy} maxLength={DESIGN_NAME_MAX_LENGTH} placeholder="Imported from <account> <region>" className={`${input} w-80 max-w-full`} />
        </div>
        <div className="flex items-center gap-2">
          <button type="submit" disabled={busy || missing} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
            Import
          </button>
          {status.kind === "reading" && (
            <button type="button" onClick={() => abort.current?.abort()} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
              Cancel
            </button>
          )}
        </div>
      </form>
      <ImportStatus status={status} />
    </section>
  );
}

function ImportStatus({ status }: { status: Status }) {
  switch (status.kind) {
    case "idle":
      return <div role="status" data-testid="aws-import-status" />;
    case "reading": {
      const p = status.progress;
      return (
        <div role="status" data-testid="aws-import-status" className="space-y-1 text-sm">
          {/* Pages keep coming until the last NextToken: the total is unknown, so the bar is indeterminate. */}
          <progress aria-label="Import progress" className="h-2 w-full" />
          <p>
            {p ? `${PHASES[p.phase]}… ${plural(p.buses, "bus", "buses")}, ${plural(p.rules, "rule", "rules")}, ${plural(p.targets, "target", "targets")}, ${plural(p.schedules, "schedule", "schedules")}, ${plural(p.pipes, "pipe", "pipes")} (${plural(p.pages, "page", "pages")} read)` : "Connecting…"}
          </p>
        </div>
      );
    }
    case "imported": {
      const href = `/designs/${encodeURIComponent(status.design.id)}`;
      return (
        <div role="status" data-testid="aws-import-status" className="space-y-1 text-sm">
          {status.warnings.length === 0 ? (
            <p className="text-emerald-700 dark:text-emerald-400">Imported as “{status.design.name}”. Opening it in the designer…</p>
          ) : (
            <>
              <p className="text-emerald-700 dark:text-emerald-400">
                Imported as “{status.design.name}”, with {plural(status.warnings.length, "warning", "warnings")}:
              </p>
              <ul aria-label="Import warnings" className="list-disc pl-5 text-amber-800 dark:text-amber-300">
                {status.warnings.map((warning, i) => (
                  <li key={i}>{warning}</li>
                ))}
              </ul>
              <Link href={href} className="inline-block rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">
                Open the design
              </Link>
            </>
          )}
        </div>
      );
    }
    case "failed":
      return (
        <div role="status" data-testid="aws-import-status" className="text-sm text-red-700 dark:text-red-400">
          <p>{status.message}</p>
          {/not configured/i.test(status.message) && (
            <Link href="/settings" className="underline">
              Open Settings → AWS
            </Link>
          )}
        </div>
      );
  }
}
