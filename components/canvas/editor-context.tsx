"use client";

import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { EditorActions, EditorState, EditorStore } from "./store";

export const EditorStoreContext = createContext<EditorStore | null>(null);

function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error("useEditor must be used inside <DesignEditor>");
  return store;
}

/** Reads a slice of the editor mounted above this component. */
export function useEditor<T>(selector: (state: EditorState & EditorActions) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

export { useEditorStoreApi };
