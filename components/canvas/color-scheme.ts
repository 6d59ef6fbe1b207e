"use client";

/**
 * Dark mode: a `dark` class on <html> (Tailwind's `dark:` variant, see globals.css). The choice
 * is kept in localStorage; without one, the system's prefers-color-scheme decides.
 */
import { useCallback, useSyncExternalStore } from "react";

const STORAGE_KEY = "switchyard-color-scheme";
const MEDIA = "(prefers-color-scheme: dark)";
const listeners = new Set<() => void>();

function isDark(): boolean {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === "dark" || (stored !== "light" && window.matchMedia(MEDIA).matches);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = window.matchMedia(MEDIA);
  media.addEventListener("change", listener);
  return () => {
    listeners.delete(listener);
    media.removeEventListener("change", listener);
  };
}

export function applyColorScheme(): void {
  document.documentElement.classList.toggle("dark", isDark());
}

export function useColorScheme(): { dark: boolean; toggle: () => void } {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  const toggle = useCallback(() => {
    localStorage.setItem(STORAGE_KEY, isDark() ? "light" : "dark");
    applyColorScheme();
    for (const listener of listeners) listener();
  }, []);
  return { dark, toggle };
}
