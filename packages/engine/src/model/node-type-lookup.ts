import type { z } from 'zod';

/**
 * What the workflow checks need to know of a node type: its ports, its
 * parameter schema and whether cycles may pass through it. Every node type
 * made with `defineNode` is one; the model never imports node types itself.
 */
export interface NodeTypeInfo {
  /** The type id, for messages. */
  readonly type: string;
  /** The type's name for people (`Slack`), named in messages about a node called something else. */
  readonly displayName?: string;
  /** Input port names (for the default parameters when `inputCount` is set); none makes a trigger. */
  readonly inputs: readonly string[];
  /** Input ports whose number a parameter sets (a Merge of several inputs); see `InputCount`. */
  readonly inputCount?: InputCount;
  /** Output port names, fixed or computed from the node's parameters. */
  readonly outputs: readonly string[] | ((parameters: Record<string, unknown>) => readonly string[]);
  /** The parameter schema literal values are checked against. */
  readonly properties?: z.ZodType;
  /** Whether a cycle may pass through the node. */
  readonly loop?: boolean;
  /** Sub-ports other nodes attach to (an agent's `model`, `memory`, `tool`); see `SubInputPort`. */
  readonly subInputs?: readonly SubInputPort[];
  /** Sub-ports this node attaches to other nodes through (a chat model's `model`); none makes it an ordinary node. */
  readonly subOutputs?: readonly string[];
}

/**
 * A port through which other nodes are attached to a node rather than
 * feeding it items: an AI agent's `model`, `memory` and `tool`. A connection
 * into it comes from the same-named sub-port of the attached node. The run
 * loop never runs an attached node as a step of its own; the node it is
 * attached to calls it (`ctx.attached(port)`).
 */
export interface SubInputPort {
  /** The port name, the same on both ends of the connection: `model`, `memory`, `tool`. */
  readonly name: string;
  /** What the editor shows beside the port (`Chat Model`). */
  readonly displayName?: string;
  /** At most this many nodes may be attached (one model, one memory); default: any number. */
  readonly max?: number;
}

/**
 * The sub-port every node that takes items may be attached through: any
 * such node can serve an agent as a tool, its items made of the tool call's
 * arguments.
 */
export const TOOL_PORT = 'tool';

/**
 * Where `parseWorkflow` looks node types up: `engine.nodeTypes`, any
 * `NodeRegistry`, or an object of the host's with these two methods.
 */
export interface NodeTypeLookup {
  /** The node type for a type id at a version, or undefined. */
  get(type: string, version: number): NodeTypeInfo | undefined;
  /** The versions known for a type id; empty when the type is unknown. */
  versions(type: string): readonly number[];
}

/**
 * Input ports whose number is a parameter of the node: `${prefix}1` to
 * `${prefix}N`, N being the parameter's value. Plain data, so that the editor
 * draws the same ports as the engine checks and runs. Where the parameter is
 * not a whole number from `min` to `max` (unset, an expression), the ports
 * are the type's `inputs`.
 */
export interface InputCount {
  /** The parameter holding the number of inputs: `numberInputs`. */
  readonly parameter: string;
  /** The ports' name before their number: `input` gives `input1`, `input2`... */
  readonly prefix: string;
  readonly min: number;
  readonly max: number;
}

/** The input ports of a node type for given parameters (`inputs`, or as many as `inputCount` says). */
export function inputPortsOf(type: Pick<NodeTypeInfo, 'inputs' | 'inputCount'>, parameters: Record<string, unknown>): readonly string[] {
  const rule = type.inputCount;
  if (!rule) return type.inputs;
  const n = parameters[rule.parameter];
  if (typeof n !== 'number' || !Number.isInteger(n) || n < rule.min || n > rule.max) return type.inputs;
  return Array.from({ length: n }, (_, i) => `${rule.prefix}${i + 1}`);
}

/** The output ports of a node type for given parameters (none when a computed list fails). */
export function outputPortsOf(type: Pick<NodeTypeInfo, 'outputs'>, parameters: Record<string, unknown>): readonly string[] {
  if (typeof type.outputs !== 'function') return type.outputs;
  try {
    const ports = type.outputs(parameters);
    return Array.isArray(ports) ? ports : [];
  } catch {
    return [];
  }
}

/** Whether runs can start at this node type: it has no inputs, and is not a node that only attaches to others (a chat model). */
export function isTriggerType(type: Pick<NodeTypeInfo, 'inputs' | 'subOutputs'>): boolean {
  return type.inputs.length === 0 && !type.subOutputs?.length;
}

/** The sub-ports a node of this type may be attached through: its own, and `tool` when it takes items on `main`. */
export function subOutputPortsOf(type: Pick<NodeTypeInfo, 'inputs' | 'subOutputs'>): readonly string[] {
  const own = type.subOutputs ?? [];
  return type.inputs.includes('main') && !own.includes(TOOL_PORT) ? [...own, TOOL_PORT] : own;
}
