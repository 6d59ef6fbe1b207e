"use client";

/** Undo and redo for one text (the lab page's pattern); typing within a second is one step. */
import { useCallback, useRef, useState } from "react";

const COALESCE_MS = 1000;
const LIMIT = 200;

export function useTextHistory(initial: string) {
  const [text, setText] = useState(initial);
  const history = useRef({ past: [] as string[], future: [] as string[], lastAt: 0 });

  const change = useCallback((next: string, options: { step?: boolean } = {}) => {
    setText((current) => {
      if (next === current) return current;
      const h = history.current;
      const now = Date.now();
      if (options.step || now - h.lastAt > COALESCE_MS) h.past = [...h.past, current].slice(-LIMIT);
      h.lastAt = options.step ? 0 : now;
      h.future = [];
      return next;
    });
  }, []);

  const undo = useCallback(() => {
    setText((current) => {
      const h = history.current;
      const previous = h.past.at(-1);
      if (previous === undefined) return current;
      h.past = h.past.slice(0, -1);
      h.future = [...h.future, current];
      h.lastAt = 0;
      return previous;
    });
  }, []);

  const redo = useCallback(() => {
    setText((current) => {
      const h = history.current;
      const next = h.future.at(-1);
      if (next === undefined) return current;
      h.future = h.future.slice(0, -1);
      h.past = [...h.past, current];
      h.lastAt = 0;
      return next;
    });
  }, []);

  return { text, change, undo, redo };
}
