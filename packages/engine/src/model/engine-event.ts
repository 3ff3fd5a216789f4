import type { Execution, NodeRun } from './execution.js';

/** Emitted once when an execution starts. */
export interface ExecutionStartEvent {
  type: 'executionStart';
  execution: Readonly<Execution>;
}
/** Emitted before a node runs. */
export interface NodeStartEvent {
  type: 'nodeStart';
  executionId: string;
  workflowId: string;
  nodeId: string;
  nodeName: string;
  runIndex: number;
}
/** Emitted when a node finished (successfully or not), with its run record. */
export interface NodeFinishEvent {
  type: 'nodeFinish';
  executionId: string;
  workflowId: string;
  run: Readonly<NodeRun>;
}
/** Emitted once when an execution ended, whatever its status. */
export interface ExecutionFinishEvent {
  type: 'executionFinish';
  execution: Readonly<Execution>;
}

export type EngineEvent = ExecutionStartEvent | NodeStartEvent | NodeFinishEvent | ExecutionFinishEvent;
export type EngineEventType = EngineEvent['type'];
export type EngineEventOf<T extends EngineEventType> = Extract<EngineEvent, { type: T }>;
export type EngineListener<T extends EngineEventType> = (event: EngineEventOf<T>) => void;
