import type { NodeType } from '../define-node.js';
import { manualTrigger } from './manual-trigger.js';
import { noOp } from './no-op.js';

/** The node types every engine has. */
export const coreNodeTypes: readonly NodeType[] = [manualTrigger, noOp];
