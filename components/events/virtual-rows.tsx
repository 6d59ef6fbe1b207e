"use client";

/**
 * A windowed list: only the rows in view (plus a few either side) are in the DOM, so a list of a
 * million rows scrolls like one of fifty. Rows have one fixed height; `onNearEnd` asks for more.
 */
import { useState, type ReactNode } from "react";

const OVERSCAN = 8;

export function VirtualRows<T>({
  items,
  rowHeight,
  height,
  renderRow,
  onNearEnd,
  label,
}: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  renderRow: (item: T, index: number) => ReactNode;
  onNearEnd?: () => void;
  label: string;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  return (
    <div
      role="rowgroup"
      aria-label={label}
      className="relative overflow-y-auto"
      style={{ height }}
      onScroll={(event) => {
        const target = event.currentTarget;
        setScrollTop(target.scrollTop);
        if (onNearEnd && target.scrollTop + height >= target.scrollHeight - rowHeight * 10) onNearEnd();
      }}
    >
      <div style={{ height: items.length * rowHeight, position: "relative" }}>
        {items.slice(first, last).map((item, offset) => (
          <div key={first + offset} style={{ position: "absolute", top: (first + offset) * rowHeight, height: rowHeight, left: 0, right: 0 }}>
            {renderRow(item, first + offset)}
          </div>
        ))}
      </div>
    </div>
  );
}
