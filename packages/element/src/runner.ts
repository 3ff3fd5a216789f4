import type { EngineEvent, Execution, Item, Workflow } from '@flowloom/engine';

/**
 * Runs a workflow for the editor. The default runs it in the page with the
 * editor's engine; a host can supply one that runs it on its server and
 * streams the engine events back. "Execute step" asks for a run that ends at
 * one node: it gives `destinationNode` and `runData`, for `engine.run`.
 */
export type WorkflowRunner = (
  workflow: Workflow,
  options: {
    signal: AbortSignal;
    onEvent: (event: EngineEvent) => void;
    /** Run only to this node id (`RunOptions.destinationNode`). */
    destinationNode?: string;
    /** The last run's outputs by node id (`RunOptions.runData`). */
    runData?: Record<string, Item[]>;
  },
) => Promise<Execution>;
