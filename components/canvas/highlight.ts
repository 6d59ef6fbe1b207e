"use client";

import { createContext, useContext } from "react";

/** Nodes and edges to light up on the canvas, such as the path a test event took. */
export interface CanvasHighlight {
  readonly nodeIds: ReadonlySet<string>;
  readonly edgeIds: ReadonlySet<string>;
}

export const NO_HIGHLIGHT: CanvasHighlight = { nodeIds: new Set(), edgeIds: new Set() };

export const HighlightContext = createContext<CanvasHighlight>(NO_HIGHLIGHT);

export function useIsHighlighted(nodeId: string): boolean {
  return useContext(HighlightContext).nodeIds.has(nodeId);
}
