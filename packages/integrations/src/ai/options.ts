// The limits every AI node takes, as one `options` parameter.
import { z } from 'zod';
import type { RunLimits } from './run-model.js';

const maxTokens = z.number().int().positive().optional().meta({
  label: 'Maximum tokens',
  description: 'Tokens (input and output) this node may use in one execution; no model call starts past it.',
});
const timeoutMs = z
  .number()
  .int()
  .positive()
  .optional()
  .meta({ label: 'Timeout (ms)', description: 'How long the model may take for one item, tool calls included.' });

/** Limits of a node that asks the model once per item. */
export const callOptions = z.object({ maxTokens, timeoutMs }).default({}).meta({ label: 'Options' });

/** Limits of a node whose model calls tools (an agent). */
export const agentOptions = z
  .object({
    maxSteps: z.number().int().min(1).max(100).default(10).meta({
      label: 'Maximum steps',
      description: 'Model calls per item; the node fails when the model still calls tools after this many.',
    }),
    maxTokens,
    timeoutMs,
  })
  .default({ maxSteps: 10 })
  .meta({ label: 'Options' });

/** The limits of one activation from its options. */
export function limitsOf(options: { maxSteps?: number; maxTokens?: number | undefined; timeoutMs?: number | undefined }): RunLimits {
  return { maxSteps: options.maxSteps ?? 1, maxTokens: options.maxTokens, timeoutMs: options.timeoutMs, used: 0 };
}
