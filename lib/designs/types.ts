/** The shapes in which saved designs leave the server (dates as ISO strings, safe to serialise). */
import type { Design } from "@/lib/graph";

export interface DesignSummary {
  id: string;
  name: string;
  description: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A saved design: its record and its document (lib/graph), whose name and description are the record's. */
export interface DesignRecord extends DesignSummary {
  graph: Design;
}
