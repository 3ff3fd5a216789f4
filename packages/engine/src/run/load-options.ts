import { FlowloomError } from '../errors/flowloom.error.js';
import { describeValue } from '../errors/describe-value.js';
import type { WorkflowNode } from '../model/node.js';
import { planParameters } from '../model/parameter-plan.js';
import { inputPortsOf } from '../model/node-type-lookup.js';
import type { Workflow } from '../model/workflow.js';
import type { LoadedOption } from '../nodes/define-node.js';
import type { NodeRegistry } from '../nodes/node-registry.js';
import type { CompiledNode } from './compiled-workflow.js';
import { contextOutsideRun, type OutsideRunDeps } from './poll-node.js';
import { raceAbort } from './signals.js';

/** What `engine.loadOptions` takes: the node as the editor holds it (parameters may be incomplete), and the method to call. */
export interface LoadOptionsRequest {
  /** The node: its type, version, parameters as written and credentials. */
  node: Pick<WorkflowNode, 'type' | 'parameters'> & Partial<Pick<WorkflowNode, 'id' | 'name' | 'typeVersion' | 'credentials'>>;
  /** The name the parameter's `loadOptions` hint gives. */
  method: string;
  /** The workflow the node belongs to (for `$workflow` and workflow variables); default: a workflow of this node alone. */
  workflowId?: string;
  tenantId?: string;
  signal?: AbortSignal;
}

/**
 * Calls a node type's `loadOptions` method with the `ctx` a run would give
 * the node (its credential, the engine's HTTP port), outside any execution.
 * Parameters that do not validate yet stay readable as written
 * (`ctx.node.parameters`). Secrets are redacted from the choices returned.
 */
export async function loadNodeOptions(
  deps: OutsideRunDeps,
  registry: NodeRegistry,
  request: LoadOptionsRequest & { tenantId: string; vars: Readonly<Record<string, unknown>>; id: string; signal: AbortSignal },
): Promise<LoadedOption[]> {
  const given = request.node;
  if (typeof given !== 'object' || given === null || typeof given.type !== 'string') {
    throw new FlowloomError(
      'LOAD_OPTIONS_INVALID',
      `engine.loadOptions needs the node ({ type, parameters }), got ${describeValue(given)}.`,
    );
  }
  const type = (await registry.load(given.type, given.typeVersion)) ?? registry.get(given.type, given.typeVersion);
  if (!type) throw new FlowloomError('LOAD_OPTIONS_INVALID', `Unknown node type '${given.type}'.`);
  const method = type.loadOptions?.[request.method];
  if (!method) {
    const known = Object.keys(type.loadOptions ?? {});
    throw new FlowloomError(
      'LOAD_OPTIONS_INVALID',
      `${type.displayName} has no load-options method '${request.method}'${known.length ? `; it has: ${known.join(', ')}` : ''}.`,
    );
  }
  const node: WorkflowNode = {
    id: given.id ?? 'node',
    name: given.name ?? type.displayName,
    type: type.type,
    typeVersion: type.version,
    parameters: given.parameters ?? {},
    position: { x: 0, y: 0 },
    ...(given.credentials ? { credentials: given.credentials } : {}),
  } as WorkflowNode;
  const workflow = {
    id: request.workflowId ?? 'load-options',
    name: '',
    nodes: [node],
    connections: [],
    settings: {},
  } as unknown as Workflow;
  const parameterPlan = planParameters(type.properties, node.parameters);
  const parsed = parameterPlan.templates.length === 0 ? type.properties?.safeParse(node.parameters) : undefined;
  const compiled: CompiledNode = {
    node,
    type,
    inputs: inputPortsOf(type, node.parameters),
    connectedInputs: [],
    outputs: [],
    edgesByPort: new Map(),
    parameterPlan,
    staticParams: parsed?.success ? (parsed.data as Record<string, unknown>) : type.properties ? undefined : node.parameters,
  };
  const { ctx, redactor } = await contextOutsideRun(deps, workflow, compiled, {
    tenantId: request.tenantId,
    vars: request.vars,
    id: request.id,
    signal: request.signal,
    mode: 'manual',
  });
  // Parameters still being written may not validate: the method then reads them as written.
  if (!compiled.staticParams) await raceAbort(ctx.prepareParams(), request.signal).catch(() => undefined);
  const options = await raceAbort(method(ctx), request.signal);
  if (!Array.isArray(options)) {
    throw new FlowloomError(
      'LOAD_OPTIONS_INVALID',
      `${type.displayName} '${request.method}' returned ${describeValue(options)}, not a list of choices.`,
    );
  }
  return redactor.redact(
    options.map((o: LoadedOption) => ({
      value: o.value,
      label: String(o.label ?? o.value),
      ...(o.description ? { description: o.description } : {}),
    })),
  );
}
