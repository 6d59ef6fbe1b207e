/**
 * Where the canvas looks when a design opens. React Flow renders only what is in view
 * (`onlyRenderVisibleElements`), so the opening view decides how much is rendered on open.
 */
import { getNodesBounds, getViewportForBounds, type Viewport } from "@xyflow/react";
import type { DesignFlowNode } from "./flow-mapping";

/** Below this zoom edge labels are hidden: unreadable, and React Flow measures each one. */
export const LABEL_MIN_ZOOM = 0.5;
/** "Zoom to fit", and the opening view of a design that is legible when fitted. */
export const FIT_OPTIONS = { padding: 0.2, maxZoom: 1.25 } as const;
/** A design opens at least this zoomed in: the zoom from which its edge labels show. */
export const OPEN_MIN_ZOOM = LABEL_MIN_ZOOM;
/** Space between the canvas's top-left corner and a large design's top-left node on open. */
const OPEN_MARGIN = 40;

/**
 * The view a design opens at in a canvas of `width` × `height` pixels: the whole design fitted,
 * unless that would zoom out below OPEN_MIN_ZOOM, where nothing is legible. A larger design
 * opens at OPEN_MIN_ZOOM on its top-left corner, where its flows start; the minimap shows the
 * rest and "Zoom to fit" still fits it all. An empty design opens at 100 %, so the first node
 * dropped on it does not zoom.
 */
export function openingViewport(nodes: readonly DesignFlowNode[], width: number, height: number): Viewport {
  if (nodes.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const bounds = getNodesBounds([...nodes]);
  const fitted = getViewportForBounds(bounds, width, height, 0, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding);
  if (fitted.zoom >= OPEN_MIN_ZOOM) return fitted;
  return { x: OPEN_MARGIN - bounds.x * OPEN_MIN_ZOOM, y: OPEN_MARGIN - bounds.y * OPEN_MIN_ZOOM, zoom: OPEN_MIN_ZOOM };
}
