import { z } from 'zod';
import { connectionSchema } from './connection.js';
import { itemListSchema } from './item.js';
import { nodeSchema } from './node.js';
import { MAX_NOTES, noteSchema } from './note.js';
import { settingsSchema } from './settings.js';

/** The version of the workflow document format this engine writes. */
export const WORKFLOW_SCHEMA_VERSION = 1;

/**
 * The workflow document: the single source of truth for its TypeScript type,
 * the editor, the importers and the storage adapters.
 */
export const workflowSchema = z
  .object({
    schemaVersion: z.literal(WORKFLOW_SCHEMA_VERSION, {
      error: `expected schemaVersion ${WORKFLOW_SCHEMA_VERSION} (this engine reads version ${WORKFLOW_SCHEMA_VERSION} documents)`,
    }),
    id: z.string().min(1, 'a workflow id must not be empty'),
    name: z.string().max(500).default(''),
    nodes: z.array(nodeSchema),
    connections: z.array(connectionSchema).default([]),
    settings: settingsSchema.default({}),
    /** Sticky notes on the canvas; runs never read them. */
    notes: z.array(noteSchema).max(MAX_NOTES, `a workflow holds at most ${MAX_NOTES} notes`).optional(),
    /** Node id -> items that replace that node's output in manual runs. */
    pinData: z.record(z.string(), itemListSchema).optional(),
    /** Free-form data for hosts and tools (tags, editor state...). */
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** A validated workflow document. */
export type Workflow = z.infer<typeof workflowSchema>;
/** A workflow document as written by hand: defaults may be left out. */
export type WorkflowInput = z.input<typeof workflowSchema>;
