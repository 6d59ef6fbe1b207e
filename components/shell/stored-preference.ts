"use client";

/**
 * A small preference kept in localStorage (a panel collapsed, where the lab docks, its size),
 * shared by every component that reads the same key and by other tabs. The server, which cannot
 * know it, renders the fallback.
 */
import { useCallback, useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
/** This page's choices, for when storage is blocked. */
const memory = new Map<string, string>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

/** The stored value of `key` when `accept` takes it, else `fallback`; and a setter that stores it. */
export function useStoredPreference<T>(key: string, fallback: T, accept: (stored: string) => T | undefined): [T, (next: T) => void] {
  const stored = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const value = stored === null ? fallback : (accept(stored) ?? fallback);
  const set = useCallback(
    (next: T) => {
      memory.set(key, String(next));
      try {
        localStorage.setItem(key, String(next));
      } catch {
        // Storage blocked: the choice lasts until the page is left.
      }
      for (const listener of listeners) listener();
    },
    [key],
  );
  return [value, set];
}

/** `accept` for a yes/no preference. */
export const acceptBoolean = (stored: string): boolean | undefined => (stored === "true" ? true : stored === "false" ? false : undefined);
