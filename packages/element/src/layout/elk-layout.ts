import type { Position } from '../model/changes.js';
import type { LayoutEngine, LayoutGraph, LayoutOptions } from './layout-engine.js';

/** What the layout worker answers. */
interface WorkerReply {
  positions?: [string, number, number][];
  /** The share of the graph laid out so far, sent before the positions. */
  progress?: number;
  error?: string;
}

/**
 * A layered left-to-right layout computed by elkjs in a Web Worker. Each call
 * starts a worker (elkjs loads there, never on the main thread) and ends it
 * when done or cancelled, so cancelling really stops the work. The worker
 * reports progress after each connected part of the graph.
 */
export class ElkLayoutEngine implements LayoutEngine {
  constructor(private readonly createWorker: () => Worker = defaultWorker) {}

  layout(graph: LayoutGraph, { signal, onProgress }: LayoutOptions): Promise<Map<string, Position>> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new DOMException('Layout cancelled', 'AbortError'));
      const worker = this.createWorker();
      const stop = () => {
        worker.terminate();
        reject(new DOMException('Layout cancelled', 'AbortError'));
      };
      signal.addEventListener('abort', stop, { once: true });
      worker.onmessage = (event: MessageEvent<WorkerReply>) => {
        if (event.data.progress !== undefined) return onProgress?.(event.data.progress);
        signal.removeEventListener('abort', stop);
        worker.terminate();
        const { positions, error } = event.data;
        if (error !== undefined || !positions) return reject(new Error(`Auto-layout failed: ${error ?? 'no result'}`));
        resolve(new Map(positions.map(([id, x, y]) => [id, { x, y }])));
      };
      worker.onerror = (event) => {
        signal.removeEventListener('abort', stop);
        worker.terminate();
        reject(new Error(`Auto-layout failed: ${event.message}`));
      };
      worker.postMessage(graph);
    });
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./elk.worker.js', import.meta.url), { type: 'module' });
}
