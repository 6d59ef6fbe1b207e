/** The shapes in which designs leave the server (dates as ISO strings, safe to serialise). */
export interface DesignSummary {
  id: string;
  name: string;
  description: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Design extends DesignSummary {
  graph: Record<string, unknown>;
}
