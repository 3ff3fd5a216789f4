import { z } from 'zod';

/** Workflow-level settings. Unknown keys are refused so typos are caught. */
export const settingsSchema = z
  .object({
    /** Deadline for a whole execution, in milliseconds. */
    timeoutMs: z.number().int().positive().optional(),
    /** IANA time zone used by date functions and schedules. */
    timezone: z.string().optional(),
    /**
     * The order in which branches run. `depth-first` (the default): a branch
     * runs to its end before the next starts, the upper branch on the canvas
     * first. `breadth-first`: the nodes of all branches run level by level,
     * each node's outputs after everything already waiting, in the order the
     * connections are written (n8n's legacy `v0` order, kept for imported
     * workflows).
     */
    executionOrder: z.enum(['depth-first', 'breadth-first']).optional(),
    /**
     * What a JavaScript expression (`{{js: … }}`) gives when its code throws a
     * plain JavaScript error (a TypeError reading a field of nothing, JSON.parse
     * of text that is not JSON...): `fail` (the default) fails the node with the
     * error; `empty` gives nothing (undefined, or no text inside a longer
     * template), as n8n does. The n8n importer sets `empty`. Errors about the
     * workflow itself (a syntax error, a node that does not exist or has not
     * run, an item that cannot be paired) fail either way.
     */
    javascriptErrors: z.enum(['fail', 'empty']).optional(),
    /** Id of a workflow to run when this one fails. */
    errorWorkflow: z.string().optional(),
    /** What to keep of this workflow's executions; unset fields use the engine's defaults. */
    saveExecutions: z
      .object({
        /** Keep executions that succeeded. */
        successful: z.boolean().optional(),
        /** Keep executions that failed, were canceled or crashed. */
        failed: z.boolean().optional(),
        /** Keep manual (editor) runs; `false` skips them whatever their status. */
        manual: z.boolean().optional(),
        /** `all` keeps each node's input and output items; `summary` keeps status, timing and errors only. */
        nodeData: z.enum(['all', 'summary']).optional(),
        /** Keep at most this many items per port of each node run; the run records how many were dropped. */
        maxItemsPerNode: z.number().int().nonnegative().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type WorkflowSettings = z.infer<typeof settingsSchema>;
