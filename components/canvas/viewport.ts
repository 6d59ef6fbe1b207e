/**
 * Where the canvas looks when a design opens, and how small its text may get. React Flow renders
 * only what is in view (`onlyRenderVisibleElements`), so the opening view decides how much is
 * rendered on open.
 */
import { getNodesBounds, getViewportForBounds, type Viewport } from "@xyflow/react";
import type { DesignFlowNode } from "./flow-mapping";

/** The smallest text on the canvas (a node's kind, its problem badge, edge labels), in flow pixels. */
export const CANVAS_TEXT_PX = 12;
/** Text smaller than this many screen pixels is not legible. */
const LEGIBLE_TEXT_PX = 11;
/** A design opens at least this zoomed in: every text on the canvas is legible from here. */
export const OPEN_MIN_ZOOM = LEGIBLE_TEXT_PX / CANVAS_TEXT_PX;
/** Below this zoom edge labels are hidden: unreadable, and React Flow measures each one. */
export const LABEL_MIN_ZOOM = 0.5;
/**
 * "Zoom to fit" (an overview: it zooms out as far as the design needs), and the opening view of a
 * design that is legible when fitted. A margin in screen pixels, so a small canvas keeps the zoom it can.
 */
export const FIT_OPTIONS = { padding: "32px", maxZoom: 1.25 } as const;
/** Space between the canvas's left edge (and top, if it does not fit in height) and a large design on open. */
const OPEN_MARGIN = 32;

/**
 * The view a design opens at in a canvas of `width` × `height` pixels: the whole design fitted,
 * unless that would zoom out below OPEN_MIN_ZOOM, where its text is not legible. A larger design
 * opens at OPEN_MIN_ZOOM on its left edge, where its flows start, centred in height when it fits
 * (else from its top); the rest is a pan away, the minimap shows it and "Zoom to fit" shows it
 * all. An empty design opens at 100 %, so the first node dropped on it does not zoom.
 */
export function openingViewport(nodes: readonly DesignFlowNode[], width: number, height: number): Viewport {
  if (nodes.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const bounds = getNodesBounds([...nodes]);
  const fitted = getViewportForBounds(bounds, width, height, 0, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding);
  if (fitted.zoom >= OPEN_MIN_ZOOM) return fitted;
  const zoom = OPEN_MIN_ZOOM;
  const shownHeight = bounds.height * zoom;
  const top = shownHeight + 2 * OPEN_MARGIN <= height ? (height - shownHeight) / 2 : OPEN_MARGIN;
  return { x: OPEN_MARGIN - bounds.x * zoom, y: top - bounds.y * zoom, zoom };
}
