import type { NodeType } from '../define-node.js';
import { nodeOnlyNodeTypes } from '../node-only/index.js';
import { lazyCoreNodeTypes } from './core-catalog.js';
import { manualTrigger } from './manual-trigger.js';
import { noOp } from './no-op.js';
import { placeholderNode, placeholderTriggerNode } from './placeholder.js';

/**
 * The core node types of an engine made by `createEngine`, in the order of
 * `coreNodeTypes`: the few that every workflow needs in full, and light
 * stand-ins for the rest, each of which loads its full type (schema and work)
 * on first use. So a page that opens the editor downloads no node it does
 * not show. `createNodeEngine` registers the full types at once instead.
 */
export const webCoreNodeTypes: readonly NodeType[] = [
  manualTrigger,
  noOp,
  ...lazyCoreNodeTypes,
  ...nodeOnlyNodeTypes,
  placeholderNode as unknown as NodeType,
  placeholderTriggerNode as unknown as NodeType,
];
