import type { NodeType } from '../define-node.js';
import { compareDatasetsNode } from './compare-datasets/compare-datasets.js';
import { filterNode } from './filter.js';
import { ifNode } from './if.js';
import { mergeNode } from './merge.js';
import { splitInBatchesNode } from './split-in-batches.js';
import { stopAndErrorNode } from './stop-and-error.js';
import { switchNode } from './switch.js';

/** The flow-control node types: If, Filter, Switch, Merge, Loop Over Items, Stop and Error, Compare Datasets. */
export const flowNodeTypes: readonly NodeType[] = [
  ifNode,
  filterNode,
  switchNode,
  mergeNode,
  splitInBatchesNode,
  stopAndErrorNode,
  compareDatasetsNode,
] as readonly NodeType[];
