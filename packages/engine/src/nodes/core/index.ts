import type { NodeType } from '../define-node.js';
import { dataNodeTypes } from '../data/index.js';
import { codeNode } from '../data/code/code-node.js';
import { flowNodeTypes } from '../flow/index.js';
import { manualTrigger } from './manual-trigger.js';
import { nodeOnlyNodeTypes } from '../node-only/index.js';
import { noOp } from './no-op.js';
import { placeholderNode, placeholderTriggerNode } from './placeholder.js';
import { triggerNodeTypes } from '../trigger/index.js';
import { httpRequest } from '../http/http-request.js';
import { graphql } from '../http/graphql/graphql.js';
import { wait } from '../flow/wait/wait.js';
import { executeWorkflow } from '../flow/execute-workflow/execute-workflow.js';

/** The node types every engine has (those marked `nodeOnly` run only where `createNodeEngine` implements them). */
export const coreNodeTypes: readonly NodeType[] = [
  manualTrigger,
  noOp,
  ...flowNodeTypes,
  ...dataNodeTypes,
  codeNode,
  ...triggerNodeTypes,
  httpRequest as unknown as NodeType,
  graphql as unknown as NodeType,
  wait as unknown as NodeType,
  executeWorkflow as unknown as NodeType,
  ...nodeOnlyNodeTypes,
  placeholderNode as unknown as NodeType,
  placeholderTriggerNode as unknown as NodeType,
];
