export { createTestClock, type TestClock } from './test-clock.js';
export { testNodeTypes, emitItemsNode, flakyNode, sleepNode, parityNode, joinNode, countLoopNode } from './test-nodes.js';
export { buildWorkflow, type NodeShorthand } from './build-workflow.js';
