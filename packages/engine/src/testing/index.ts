export { createTestClock, type TestClock } from './test-clock.js';
export { testNodeTypes, emitItemsNode, flakyNode, sleepNode, parityNode, joinNode, countLoopNode } from './test-nodes.js';
export { buildWorkflow, type NodeShorthand } from './build-workflow.js';
export { describeStorageAdapter } from './storage-conformance.js';
export {
  assertEqual,
  assertRejects,
  assertTrue,
  ConformanceFailure,
  type StorageConformanceOptions,
  type StorageFactory,
  type TestFunctions,
} from './conformance-harness.js';
export { sampleExecution, sampleNodeRun, sampleRunState, sampleWorkflow } from './conformance-fixtures.js';
