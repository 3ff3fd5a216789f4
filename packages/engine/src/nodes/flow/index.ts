import type { NodeType } from '../define-node.js';
import { compareDatasetsNode } from './compare-datasets/compare-datasets.js';
import { debugHelperNode } from './debug-helper/debug-helper.js';
import { executionDataNode } from './execution-data/execution-data.js';
import { filterNode } from './filter.js';
import { ifNode } from './if.js';
import { mergeNode } from './merge.js';
import { splitInBatchesNode } from './split-in-batches.js';
import { stopAndErrorNode } from './stop-and-error.js';
import { switchNode } from './switch.js';

/** The flow-control node types: If, Filter, Switch, Merge, Loop Over Items, Stop and Error, Compare Datasets, Debug Helper, Execution Data. */
export const flowNodeTypes: readonly NodeType[] = [
  ifNode,
  filterNode,
  switchNode,
  mergeNode,
  splitInBatchesNode,
  stopAndErrorNode,
  compareDatasetsNode,
  debugHelperNode,
  executionDataNode,
] as readonly NodeType[];
