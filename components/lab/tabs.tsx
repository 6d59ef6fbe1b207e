"use client";

/** A row of tab buttons (role=tablist); the caller renders the chosen panel. */
export function Tabs<T extends string>({ label, tabs, value, onChange, testId }: { label: string; tabs: readonly { id: T; title: string }[]; value: T; onChange: (id: T) => void; testId?: string }) {
  return (
    <div role="tablist" aria-label={label} data-testid={testId} className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-700">
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === value}
          onClick={() => onChange(tab.id)}
          className={`-mb-px border-b-2 px-2.5 py-1 text-sm ${
            tab.id === value
              ? "border-indigo-600 font-medium text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
              : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
          }`}
        >
          {tab.title}
        </button>
      ))}
    </div>
  );
}
