import type { Position } from '../model/changes.js';

/** The graph a layout engine arranges: node sizes and edges, nothing else. */
export interface LayoutGraph {
  nodes: { id: string; width: number; height: number }[];
  edges: { from: string; to: string }[];
}

/** What a layout call may be given besides the graph. */
export interface LayoutOptions {
  /** Aborting rejects the call with an AbortError and stops the work. */
  signal: AbortSignal;
  /** Called as the work advances, with the share done (0 to 1). */
  onProgress?: (done: number) => void;
}

/**
 * Arranges nodes. The editor ships an elkjs implementation that runs in a
 * Web Worker; a host can supply its own.
 */
export interface LayoutEngine {
  /** New top-left positions by node id. Rejects with an AbortError when `signal` aborts. */
  layout(graph: LayoutGraph, options: LayoutOptions): Promise<Map<string, Position>>;
}
