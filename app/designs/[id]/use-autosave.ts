"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { Autosaver, saveOverHttp } from "@/lib/designs/autosave";
import type { Design } from "@/lib/graph";

/** The page's Autosaver and its status; leaving with unsaved changes asks first. */
export function useAutosave(designId: string, initial: { graph: Design; version: number }) {
  const [saver] = useState(() => new Autosaver(initial, saveOverHttp(designId)));
  const status = useSyncExternalStore(saver.subscribe, saver.getStatus, saver.getStatus);

  useEffect(() => {
    if (status.state === "saved") return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [status.state]);

  useEffect(() => () => saver.dispose(), [saver]);

  return { status, saver };
}
