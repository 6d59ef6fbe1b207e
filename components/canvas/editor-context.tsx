"use client";

import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import type { Design } from "@/lib/graph";
import { createEditorStore, type EditorActions, type EditorState, type EditorStore } from "./store";

export const EditorStoreContext = createContext<EditorStore | null>(null);

export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error("useEditor must be used inside <DesignEditor>");
  return store;
}

/** Reads a slice of the editor mounted above this component. */
export function useEditor<T>(selector: (state: EditorState & EditorActions) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

/**
 * The store that owns `design` while it is open, made once for the page that shows it. A
 * different `design` passed later replaces the document (and its history).
 */
export function useCreateEditorStore(design: Design, { readOnly = false }: { readOnly?: boolean } = {}): EditorStore {
  const [store] = useState(() => createEditorStore(design, readOnly, { deferCheck: true }));
  const loaded = useRef(design);
  useEffect(() => {
    if (design === loaded.current) return;
    loaded.current = design;
    store.getState().load(design);
  }, [design, store]);
  useEffect(() => {
    store.setState({ readOnly });
  }, [readOnly, store]);
  return store;
}

/** The store's document, a new object on each change of it (not on selection, nor during a drag). */
export function useEditorDocument(store: EditorStore): Design {
  const revision = useStore(store, (s) => s.revision);
  // `revision` stands for the document: design() is derived from the nodes, which also hold selection.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => store.getState().design(), [store, revision]);
}
