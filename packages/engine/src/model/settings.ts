import { z } from 'zod';

/** Workflow-level settings. Unknown keys are refused so typos are caught. */
export const settingsSchema = z
  .object({
    /** Deadline for a whole execution, in milliseconds. */
    timeoutMs: z.number().int().positive().optional(),
    /** IANA time zone used by date functions and schedules. */
    timezone: z.string().optional(),
    /** Id of a workflow to run when this one fails. */
    errorWorkflow: z.string().optional(),
  })
  .strict();
export type WorkflowSettings = z.infer<typeof settingsSchema>;
