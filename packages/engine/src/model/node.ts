import { z } from 'zod';

/** What a node does when it fails after its retries. */
export const onErrorSchema = z.enum(['stop', 'continue', 'errorOutput']);
export type OnError = z.infer<typeof onErrorSchema>;

export const retrySchema = z
  .object({
    maxTries: z.number().int().min(1, 'maxTries counts the first try too, so it is at least 1').max(10),
    waitMs: z.number().int().min(0).max(300_000).default(1000),
  })
  .strict();

/** A node of a workflow document: an instance of a node type with its parameters. */
export const nodeSchema = z
  .object({
    id: z.string().min(1, 'a node id must not be empty'),
    name: z.string().trim().min(1, 'a node name must not be empty').max(200),
    type: z.string().min(1, 'expected a node type such as "core.noOp"'),
    typeVersion: z.number().positive().default(1),
    position: z.object({ x: z.number(), y: z.number() }).strict().default({ x: 0, y: 0 }),
    parameters: z.record(z.string(), z.unknown()).default({}),
    /** Credential slot name -> credential id. */
    credentials: z.record(z.string(), z.string()).optional(),
    disabled: z.boolean().optional(),
    notes: z.string().optional(),
    retry: retrySchema.optional(),
    onError: onErrorSchema.optional(),
    /** Node-level deadline for one activation (all tries). */
    timeoutMs: z.number().int().positive().optional(),
    executeOnce: z.boolean().optional(),
    alwaysOutputData: z.boolean().optional(),
  })
  .strict();
export type WorkflowNode = z.infer<typeof nodeSchema>;
