"use client";

import { type ColorSchemePreference, useColorScheme } from "./color-scheme";

const CHOICES: readonly { value: ColorSchemePreference; label: string; icon: string }[] = [
  { value: "light", label: "Light", icon: "☀" },
  { value: "dark", label: "Dark", icon: "☾" },
  { value: "system", label: "System", icon: "◐" },
];

/** The header's colour scheme switch, on every page. Test id: color-scheme. */
export function ColorSchemeToggle() {
  const { preference, choose } = useColorScheme();
  return (
    <div
      role="group"
      aria-label="Color scheme"
      data-testid="color-scheme"
      className="ml-auto flex rounded-md border border-slate-300 p-0.5 dark:border-slate-700"
    >
      {CHOICES.map((choice) => (
        <button
          key={choice.value}
          type="button"
          onClick={() => choose(choice.value)}
          aria-pressed={preference === choice.value}
          aria-label={choice.label}
          title={`${choice.label} colour scheme`}
          className="rounded px-2 py-0.5 text-sm text-slate-600 hover:bg-slate-100 aria-pressed:bg-slate-900 aria-pressed:text-white dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-pressed:bg-slate-100 dark:aria-pressed:text-slate-900"
        >
          <span aria-hidden>{choice.icon}</span>
          <span className="sr-only sm:not-sr-only sm:ml-1">{choice.label}</span>
        </button>
      ))}
    </div>
  );
}
