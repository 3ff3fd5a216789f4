import type { EngineEvent, Execution, Workflow } from '@flowloom/engine';

/**
 * Runs a workflow for the editor. The default runs it in the page with the
 * editor's engine; a host can supply one that runs it on its server and
 * streams the engine events back.
 */
export type WorkflowRunner = (
  workflow: Workflow,
  options: { signal: AbortSignal; onEvent: (event: EngineEvent) => void },
) => Promise<Execution>;
