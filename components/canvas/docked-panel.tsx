"use client";

/**
 * A panel docked under the canvas or beside it (the lab), resized by dragging its edge or with
 * the arrow keys on it. Its size is remembered per side.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useStoredPreference } from "@/components/shell/stored-preference";

export type DockSide = "bottom" | "right";

export interface DockedPanelSpec {
  readonly side: DockSide;
  /** What the panel is, for its resize handle's name. */
  readonly label: string;
  readonly content: ReactNode;
}

/** Pixels; `initial` is a CSS size used until the panel is resized. */
const SIZES = {
  bottom: { min: 220, initial: "45%", maxShare: 0.75 },
  right: { min: 360, initial: "min(30rem, 45%)", maxShare: 0.6 },
} as const;
const KEY_STEP = 24;

const acceptPixels = (stored: string): number | null | undefined => {
  const value = Number(stored);
  return Number.isFinite(value) && value > 0 ? value : undefined;
};

export function DockedPanel({ side, label, content }: DockedPanelSpec) {
  const [stored, setStored] = useStoredPreference<number | null>(`switchyard.designer.dock-${side}`, null, acceptPixels);
  const panel = useRef<HTMLDivElement>(null);
  const limits = SIZES[side];
  const bottom = side === "bottom";
  // The size as shown, for the handle's value (the stored one is absent until the first resize).
  const [shown, setShown] = useState<number>(limits.min);
  useEffect(() => {
    const element = panel.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setShown(Math.round(bottom ? entry.contentRect.height : entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [bottom]);

  /** The largest size the editor leaves room for. */
  const maxSize = () => {
    const frame = panel.current?.parentElement?.getBoundingClientRect();
    return Math.max(limits.min, (bottom ? (frame?.height ?? 0) : (frame?.width ?? 0)) * limits.maxShare);
  };
  const resize = (size: number) => setStored(Math.round(Math.min(Math.max(size, limits.min), maxSize())));

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    const rect = panel.current?.getBoundingClientRect();
    if (!rect) return;
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const onMove = (move: PointerEvent) => resize(bottom ? rect.bottom - move.clientY : rect.right - move.clientX);
    const onUp = () => {
      handle.removeEventListener("pointermove", onMove);
      handle.removeEventListener("pointerup", onUp);
      handle.removeEventListener("pointercancel", onUp);
    };
    handle.addEventListener("pointermove", onMove);
    handle.addEventListener("pointerup", onUp);
    handle.addEventListener("pointercancel", onUp);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const grow = bottom ? "ArrowUp" : "ArrowLeft";
    const shrink = bottom ? "ArrowDown" : "ArrowRight";
    if (event.key !== grow && event.key !== shrink) return;
    event.preventDefault();
    resize(shown + (event.key === grow ? KEY_STEP : -KEY_STEP));
  };

  const size = stored === null ? limits.initial : `${stored}px`;
  return (
    <div
      ref={panel}
      data-testid="docked-panel"
      data-side={side}
      className={`relative flex shrink-0 flex-col bg-white dark:bg-slate-900 ${bottom ? "border-t" : "border-l"} border-slate-200 dark:border-slate-800`}
      style={bottom ? { height: size, minHeight: limits.min } : { width: size, minWidth: limits.min }}
    >
      <div
        role="separator"
        tabIndex={0}
        aria-label={`Resize ${label}`}
        aria-orientation={bottom ? "horizontal" : "vertical"}
        aria-valuemin={limits.min}
        aria-valuenow={shown}
        title="Drag to resize (or the arrow keys)"
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
        className={`absolute z-10 touch-none bg-transparent outline-none hover:bg-indigo-400/50 focus-visible:bg-indigo-500/70 ${
          bottom ? "inset-x-0 -top-1 h-2 cursor-row-resize" : "inset-y-0 -left-1 w-2 cursor-col-resize"
        }`}
      />
      <div className="min-h-0 flex-1 overflow-y-auto">{content}</div>
    </div>
  );
}
