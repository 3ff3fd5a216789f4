import { WORKFLOW_SCHEMA_VERSION, type Workflow, type WorkflowInput } from '../model/workflow.js';
import type { WorkflowNode } from '../model/node.js';

/** A node in shorthand: the name defaults to the id, the type version to 1. */
export type NodeShorthand = Partial<Omit<WorkflowNode, 'id' | 'type'>> & { id: string; type: string };

/**
 * Builds a workflow document from shorthand, for tests and examples.
 * Connections are `[from, to]` pairs written `nodeId` or `nodeId:port`
 * (port `main` when left out).
 *
 * @example
 * buildWorkflow({
 *   nodes: [{ id: 'start', type: 'core.manualTrigger' }, { id: 'a', type: 'core.noOp' }],
 *   connections: [['start', 'a']],
 * });
 */
export function buildWorkflow(spec: {
  id?: string;
  name?: string;
  nodes: NodeShorthand[];
  connections?: [string, string][];
  settings?: WorkflowInput['settings'];
  pinData?: WorkflowInput['pinData'];
}): Workflow {
  const endpoint = (ref: string) => {
    const colon = ref.indexOf(':');
    return colon === -1 ? { node: ref, port: 'main' } : { node: ref.slice(0, colon), port: ref.slice(colon + 1) };
  };
  return {
    schemaVersion: WORKFLOW_SCHEMA_VERSION,
    id: spec.id ?? 'wf',
    name: spec.name ?? 'Test workflow',
    nodes: spec.nodes.map((n, i) => ({
      name: n.id,
      typeVersion: 1,
      position: { x: i * 200, y: 0 },
      parameters: {},
      ...n,
    })),
    connections: (spec.connections ?? []).map(([from, to]) => ({ from: endpoint(from), to: endpoint(to) })),
    settings: spec.settings ?? {},
    ...(spec.pinData ? { pinData: spec.pinData } : {}),
  };
}
