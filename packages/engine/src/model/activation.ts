import type { PortItems } from './item.js';

/** A node ready to run with the items that arrived on its inputs. */
export interface Activation {
  readonly nodeId: string;
  readonly inputs: PortItems;
}

/** A node with several connected inputs, waiting until every input has items or can no longer receive any. */
export interface ParkedActivation {
  nodeId: string;
  inputs: PortItems;
}

/** The run plan's pending work as plain data, to store with a waiting execution. */
export interface RunPlanSnapshot {
  stack: Activation[];
  parked: ParkedActivation[];
}
