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

/**
 * How a node presents itself when it is attached to an AI agent as a tool
 * (through its `tool` sub-port): the name and description the model reads,
 * and the JSON Schema of the arguments. Each call's arguments become the
 * node's one input item, so its parameters read them as `$json`.
 */
export const toolDescriptionSchema = z
  .object({
    /** The name the model calls the tool by (letters, digits, `_` and `-`, as model APIs accept); default: from the node's name. */
    name: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a tool name is 1 to 64 letters, digits, "_" or "-", as model APIs require')
      .optional(),
    /** What the tool does and when to use it, for the model; default: the node type's description. */
    description: z.string().max(4000).optional(),
    /** JSON Schema of the arguments, an object schema; default: any object. */
    schema: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ToolDescription = z.infer<typeof toolDescriptionSchema>;

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
    /** How the node presents itself when attached to an agent as a tool. */
    tool: toolDescriptionSchema.optional(),
  })
  .strict();
export type WorkflowNode = z.infer<typeof nodeSchema>;
