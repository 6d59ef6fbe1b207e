"use client";

/**
 * The app's one colour scheme: a `dark` class on <html> (Tailwind's `dark:` variant, see
 * globals.css). The preference — light, dark or system — is kept in localStorage; "system" (or no
 * choice) follows prefers-color-scheme. COLOR_SCHEME_SCRIPT applies it before first paint
 * (app/layout.tsx), so a dark page never flashes light.
 */
import { useCallback, useEffect, useSyncExternalStore } from "react";
import { COLOR_SCHEME_MEDIA as MEDIA, COLOR_SCHEME_STORAGE_KEY } from "./color-scheme-script";

export type ColorSchemePreference = "light" | "dark" | "system";

const listeners = new Set<() => void>();

function readPreference(): ColorSchemePreference {
  try {
    const stored = localStorage.getItem(COLOR_SCHEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

function isDark(): boolean {
  const preference = readPreference();
  return preference === "dark" || (preference === "system" && window.matchMedia(MEDIA).matches);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = window.matchMedia(MEDIA);
  media.addEventListener("change", listener);
  // Another tab changing the choice changes this one too.
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    media.removeEventListener("change", listener);
    window.removeEventListener("storage", listener);
  };
}

function applyColorScheme(): void {
  document.documentElement.classList.toggle("dark", isDark());
}

/** Whether the page is dark now; the server (which cannot know) renders light-mode state. */
export function useDarkMode(): boolean {
  return useSyncExternalStore(subscribe, isDark, () => false);
}

export function useColorScheme(): { preference: ColorSchemePreference; dark: boolean; choose: (next: ColorSchemePreference) => void } {
  const preference = useSyncExternalStore(subscribe, readPreference, () => "system" as const);
  const dark = useDarkMode();
  // Keeps the class in step with the system setting and other tabs while "system" is chosen.
  useEffect(() => subscribe(applyColorScheme), []);
  const choose = useCallback((next: ColorSchemePreference) => {
    try {
      if (next === "system") localStorage.removeItem(COLOR_SCHEME_STORAGE_KEY);
      else localStorage.setItem(COLOR_SCHEME_STORAGE_KEY, next);
    } catch {
      // Storage blocked: the system setting stays in charge.
    }
    applyColorScheme();
    for (const listener of listeners) listener();
  }, []);
  return { preference, dark, choose };
}
