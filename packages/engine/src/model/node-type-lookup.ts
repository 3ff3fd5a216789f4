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
  /** Input port names; none makes a trigger. */
  readonly inputs: readonly string[];
  /** Output port names, fixed or computed from the node's parameters. */
  readonly outputs: readonly string[] | ((parameters: Record<string, unknown>) => readonly string[]);
  /** The parameter schema literal values are checked against. */
  readonly properties?: z.ZodType;
  /** Whether a cycle may pass through the node. */
  readonly loop?: boolean;
}

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

/** Whether runs can start at this node type: it has no inputs. */
export function isTriggerType(type: Pick<NodeTypeInfo, 'inputs'>): boolean {
  return type.inputs.length === 0;
}
