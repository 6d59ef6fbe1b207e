"use client";

import { useEditor } from "./editor-context";

/** validateDesign's problems; choosing one selects (and centres on) its node, or its edge. */
export function ProblemsPanel({ onFocus }: { onFocus: (target: { nodeId?: string; edgeId?: string }) => void }) {
  const problems = useEditor((s) => s.problems);
  const titles = useEditor((s) => s.problemNodeTitles);
  const checked = useEditor((s) => s.checked);
  const errors = problems.filter((p) => p.severity === "error").length;

  return (
    <section aria-label="Problems" className="flex min-h-0 flex-col">
      <h2 className="flex items-center gap-2 border-b border-slate-200 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:text-slate-300">
        Problems
        <span className={`rounded-full px-1.5 text-[10px] ${errors > 0 ? "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200" : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"}`}>
          {checked ? problems.length : "…"}
        </span>
      </h2>
      {!checked ? (
        <p className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">Checking the design…</p>
      ) : problems.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">No problems found.</p>
      ) : (
        <ul className="min-h-0 flex-1 overflow-y-auto" data-testid="problems-list">
          {problems.map((problem, i) => {
            const title = problem.nodeId === undefined ? undefined : titles.get(problem.nodeId);
            return (
              <li key={i}>
                <button
                  type="button"
                  disabled={problem.nodeId === undefined && problem.edgeId === undefined}
                  onClick={() => onFocus(problem)}
                  className="flex w-full gap-2 px-4 py-1.5 text-left text-xs hover:bg-slate-100 disabled:cursor-default dark:hover:bg-slate-800"
                >
                  <span aria-label={problem.severity} className={`mt-1 h-2 w-2 shrink-0 rounded-full ${problem.severity === "error" ? "bg-red-600" : "bg-amber-500"}`} />
                  <span className="min-w-0 text-slate-700 dark:text-slate-200">
                    {title && <span className="font-medium text-slate-900 dark:text-slate-100">{title}: </span>}
                    {problem.message}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
