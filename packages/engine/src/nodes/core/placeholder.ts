import { z } from 'zod';
import { NodeExecutionError } from '../../errors/node-execution.error.js';
import { defineNode, type NodeTypeDefinition } from '../define-node.js';

const PORT_NAME = /^[a-zA-Z][\w-]*$/;

/**
 * What a placeholder keeps of the node it stands for: enough to replace it by
 * hand or by a later importer, and to say clearly why it cannot run.
 */
const placeholderProperties = z.object({
  source: z.string().min(1).default('n8n').meta({ label: 'Imported from', noExpression: true }),
  originalType: z.string().min(1).meta({ label: 'Original node type', noExpression: true }),
  originalTypeVersion: z.number().default(1).meta({ label: 'Original type version', noExpression: true }),
  // Kept exactly as written: they are the other system's parameters, not Flowloom templates.
  originalParameters: z.record(z.string(), z.unknown()).default({}).meta({ label: 'Original parameters', noExpression: true }),
  originalCredentials: z.record(z.string(), z.unknown()).optional().meta({ label: 'Original credentials', noExpression: true }),
  outputs: z
    .array(z.string().regex(PORT_NAME, 'must start with a letter and hold only letters, digits, _ and -'))
    .min(1)
    .default(['main'])
    .meta({ label: 'Outputs', description: 'The output ports the original node was connected from.', noExpression: true }),
  reason: z.string().optional().meta({ label: 'Why it has no equivalent', noExpression: true }),
});

type PlaceholderParams = z.output<typeof placeholderProperties>;

/** The output ports a placeholder declares: the ones it was imported with, else `main`. */
function placeholderOutputs(parameters: Record<string, unknown>): readonly string[] {
  const outputs = parameters.outputs;
  if (!Array.isArray(outputs) || outputs.length === 0) return ['main'];
  const names = outputs.filter((o): o is string => typeof o === 'string' && PORT_NAME.test(o));
  return names.length > 0 ? [...new Set(names)] : ['main'];
}

/** The error a placeholder fails with, naming the original node type. */
function notSupported(nodeName: string, p: Record<string, unknown>): NodeExecutionError {
  const source = typeof p.source === 'string' ? p.source : 'imported';
  const type = typeof p.originalType === 'string' ? p.originalType : 'unknown type';
  const version = typeof p.originalTypeVersion === 'number' ? ` v${p.originalTypeVersion}` : '';
  const reason = typeof p.reason === 'string' && p.reason !== '' ? ` (${p.reason})` : '';
  return new NodeExecutionError(
    `${source} node '${nodeName}' (${type}${version}) has no Flowloom equivalent yet${reason}. Replace it with a Flowloom node, or remove it.`,
    { code: 'NODE_NOT_SUPPORTED', retryable: false, details: { originalType: type, originalTypeVersion: p.originalTypeVersion } },
  );
}

const shared: Omit<NodeTypeDefinition<typeof placeholderProperties>, 'type' | 'displayName' | 'description' | 'inputs'> = {
  version: 1,
  group: 'utility',
  hidden: true,
  icon: 'circle-help',
  outputs: placeholderOutputs,
  properties: placeholderProperties,
  execute(ctx) {
    throw notSupported(ctx.node.name, ctx.node.parameters as PlaceholderParams);
  },
};

/**
 * Stands for an imported node that Flowloom has no equivalent for. It keeps
 * the original type, version and parameters, so the workflow still validates
 * and opens, and fails clearly, naming the original type, if it runs.
 */
export const placeholderNode = defineNode({
  ...shared,
  type: 'core.placeholder',
  displayName: 'Placeholder',
  description: 'An imported node with no Flowloom equivalent yet. It keeps the original settings and fails if it runs.',
  inputs: ['main'],
});

/** The same, for an imported trigger: a place a run could start, which fails if it does. */
export const placeholderTriggerNode = defineNode({
  ...shared,
  type: 'core.placeholderTrigger',
  displayName: 'Placeholder Trigger',
  description: 'An imported trigger with no Flowloom equivalent yet. It keeps the original settings and fails if a run starts there.',
  inputs: [],
});
