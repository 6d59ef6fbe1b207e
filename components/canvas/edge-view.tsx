"use client";

import { BaseEdge, getBezierPath, useStore, type EdgeProps, type EdgeTypes, type InternalNode, type ReactFlowState } from "@xyflow/react";
import { memo, useCallback } from "react";
import { backEdgeCorridor, backEdgeRoute, type Box } from "./edge-route";
import { NODE_SIZE, type DesignFlowEdge } from "./flow-mapping";

function boxOf(node: InternalNode): Box {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? NODE_SIZE.width, height: node.measured.height ?? NODE_SIZE.height };
}

const bezier = ([path, labelX, labelY]: ReturnType<typeof getBezierPath>) => ({ path, labelX, labelY });

/**
 * Every edge of the design: a curve from the source's right side to the target's left side, or,
 * when the target lies to the left (a back-edge), a route below the nodes (edge-route.ts).
 */
function DesignEdgeView({ source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, labelStyle, style, markerEnd, interactionWidth }: EdgeProps<DesignFlowEdge>) {
  const back = targetX < sourceX;
  // A number, so the edge re-renders when its corridor moves, not on every change of the canvas.
  const corridorOf = useCallback(
    (state: ReactFlowState): number | null => {
      if (!back) return null;
      const ends: Box[] = [];
      const others: Box[] = [];
      for (const [id, node] of state.nodeLookup) (id === source || id === target ? ends : others).push(boxOf(node));
      return backEdgeCorridor(sourceX, targetX, ends, others);
    },
    [back, source, target, sourceX, targetX],
  );
  const corridor = useStore(corridorOf);
  const { path, labelX, labelY } =
    corridor === null
      ? bezier(getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition }))
      : backEdgeRoute(sourceX, sourceY, targetX, targetY, corridor);
  return <BaseEdge path={path} labelX={labelX} labelY={labelY} label={label} labelStyle={labelStyle} style={style} markerEnd={markerEnd} interactionWidth={interactionWidth} />;
}

/** React Flow's `edgeTypes`: the design's edges have no `type`, so they all take "default". */
export const EDGE_TYPES: EdgeTypes = { default: memo(DesignEdgeView) };
