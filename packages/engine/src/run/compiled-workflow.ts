import { buildGraph, ancestorsOf, type GraphEdge, type WorkflowGraph } from '../model/graph.js';
import type { WorkflowNode } from '../model/node.js';
import { planParameters, type ParameterPlan } from '../model/parameter-plan.js';
import type { Workflow } from '../model/workflow.js';
import { inputPortsOf, outputPortsOf } from '../model/node-type-lookup.js';
import type { NodeType } from '../nodes/define-node.js';
import type { NodeRegistry } from '../nodes/node-registry.js';

/** A node with everything the run loop needs precomputed. */
export interface CompiledNode {
  readonly node: WorkflowNode;
  readonly type: NodeType;
  /** Declared input ports. */
  readonly inputs: readonly string[];
  /** Input ports that have at least one connection. */
  readonly connectedInputs: readonly string[];
  /** Output ports, with `error` last when onError is 'errorOutput'. */
  readonly outputs: readonly string[];
  /** Outgoing edges per output port, in the order their targets run. */
  readonly edgesByPort: ReadonlyMap<string, readonly GraphEdge[]>;
  /** Which parameter strings are templates, literals or taken as written (`noExpression`). */
  readonly parameterPlan: ParameterPlan;
  /** Parameters parsed once, when they hold no template; undefined otherwise. */
  readonly staticParams: Record<string, unknown> | undefined;
}

/** A validated workflow prepared for running; cached per workflow object. */
export class CompiledWorkflow {
  readonly nodes = new Map<string, CompiledNode>();
  readonly byName = new Map<string, CompiledNode>();
  readonly graph: WorkflowGraph;
  /** `settings.executionOrder` is `breadth-first`: new activations queue behind the waiting ones. */
  readonly breadthFirst: boolean;
  readonly #feeders = new Map<string, Set<string>>();
  readonly #attached = new Map<string, readonly CompiledNode[]>();

  constructor(
    readonly workflow: Workflow,
    registry: NodeRegistry,
  ) {
    this.graph = buildGraph(workflow);
    this.breadthFirst = workflow.settings?.executionOrder === 'breadth-first';
    const position = (id: string) => this.graph.byId.get(id)?.position ?? { x: 0, y: 0 };
    for (const node of workflow.nodes) {
      const type = registry.get(node.type, node.typeVersion)!;
      const outputs = [...outputPortsOf(type, node.parameters)];
      if (node.onError === 'errorOutput') outputs.push('error');
      const edgesByPort = new Map<string, GraphEdge[]>();
      for (const edge of this.graph.outgoing.get(node.id) ?? []) {
        const list = edgesByPort.get(edge.fromPort) ?? [];
        list.push(edge);
        edgesByPort.set(edge.fromPort, list);
      }
      // Like the canvas reads: the upper branch first, then left to right, then document order.
      // Breadth first keeps the document's order of connections alone.
      for (const list of edgesByPort.values()) {
        list.sort(
          this.breadthFirst
            ? (a, b) => a.index - b.index
            : (a, b) => position(a.to).y - position(b.to).y || position(a.to).x - position(b.to).x || a.index - b.index,
        );
      }
      const connected = new Set((this.graph.incoming.get(node.id) ?? []).map((e) => e.toPort));
      const parameterPlan = planParameters(type.properties, node.parameters);
      // Shared by every activation of the node, so a frozen copy: a node cannot change what the next run sees,
      // and the host's workflow document is never frozen.
      const staticParams =
        parameterPlan.templates.length === 0
          ? frozenCopy(type.properties ? type.properties.parse(node.parameters) : node.parameters)
          : undefined;
      const inputs = inputPortsOf(type, node.parameters);
      const compiled: CompiledNode = {
        node,
        type,
        inputs,
        connectedInputs: inputs.filter((p) => connected.has(p)),
        outputs,
        edgesByPort,
        parameterPlan,
        staticParams,
      };
      this.nodes.set(node.id, compiled);
      this.byName.set(node.name, compiled);
    }
  }

  /**
   * The enabled nodes attached to `nodeId` through its sub-port `port` (see
   * `SubInputPort`), in the order of their connections.
   */
  attachedTo(nodeId: string, port: string): readonly CompiledNode[] {
    const key = `${nodeId}\u0000${port}`;
    let list = this.#attached.get(key);
    if (!list) {
      const isSubPort = this.nodes.get(nodeId)?.type.subInputs?.some((p) => p.name === port) === true;
      list = isSubPort
        ? (this.graph.incoming.get(nodeId) ?? [])
            .filter((edge) => edge.toPort === port && edge.fromPort === port)
            .sort((a, b) => a.index - b.index)
            .map((edge) => this.nodes.get(edge.from)!)
            .filter((n) => !n.node.disabled)
        : [];
      this.#attached.set(key, list);
    }
    return list;
  }

  /** Ids of the nodes whose runs could still deliver items to `port` of `nodeId`. */
  feedersOf(nodeId: string, port: string): Set<string> {
    const key = `${nodeId}\u0000${port}`;
    let set = this.#feeders.get(key);
    if (!set) {
      set = new Set<string>();
      for (const edge of this.graph.incoming.get(nodeId) ?? []) {
        if (edge.toPort !== port) continue;
        set.add(edge.from);
        for (const a of ancestorsOf(this.graph, edge.from)) set.add(a);
      }
      this.#feeders.set(key, set);
    }
    return set;
  }
}

function frozenCopy(params: Record<string, unknown>): Record<string, unknown> {
  try {
    return deepFreeze(structuredClone(params));
  } catch {
    return params; // holds something that cannot be cloned (a function from a zod transform): leave it as is
  }
}

/** Freezes a plain value and everything inside it. */
function deepFreeze<T>(value: T, depth = 0): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value) && depth < 64) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], depth + 1);
  }
  return value;
}
