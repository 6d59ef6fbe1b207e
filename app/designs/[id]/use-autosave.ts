"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { EditorStore } from "@/components/canvas/store";
import { Autosaver, saveOverHttp, type SaveStatus } from "@/lib/designs/autosave";

/**
 * The page's Autosaver: it saves the editor store's document after each change of it, and
 * leaving with unsaved changes asks first. The page itself does not re-render as it saves.
 */
export function useAutosave(designId: string, version: number, store: EditorStore): Autosaver {
  const [saver] = useState(() => new Autosaver(version, () => store.getState().design(), saveOverHttp(designId)));
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.revision !== previous.revision) saver.change();
      }),
    [store, saver],
  );
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    // Listening only while unsaved: a page with a beforeunload listener may be kept out of the back/forward cache.
    const listen = () => {
      if (saver.getStatus().state === "saved") window.removeEventListener("beforeunload", warn);
      else window.addEventListener("beforeunload", warn);
    };
    const unsubscribe = saver.subscribe(listen);
    return () => {
      unsubscribe();
      window.removeEventListener("beforeunload", warn);
    };
  }, [saver]);
  useEffect(() => () => saver.dispose(), [saver]);
  return saver;
}

/** The saver's status, for the parts of the page that show it. */
export function useSaveStatus(saver: Autosaver): SaveStatus {
  return useSyncExternalStore(saver.subscribe, saver.getStatus, saver.getStatus);
}
