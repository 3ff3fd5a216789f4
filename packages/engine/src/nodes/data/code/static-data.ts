import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { NodeContext } from '../../node-context.js';

/** The binding that makes a Code run carry the workflow's static data. */
const STATIC_DATA_NAME = /\$getWorkflowStaticData\b/;

/** The most JSON one scope of static data may hold (1 MiB): it is read and written whole on every run that uses it. */
export const MAX_STATIC_DATA_CHARS = 1024 * 1024;

type Scope = 'global' | 'node';
const SCOPES: readonly Scope[] = ['global', 'node'];

/**
 * The workflow's static data as it went into the sandbox: each scope's
 * object and its JSON text, to tell whether the code changed it.
 */
export interface LoadedStaticData {
  readonly values: Record<Scope, Record<string, unknown>>;
  readonly texts: Record<Scope, string>;
}

/**
 * Where static data is kept: the storage's key-value records, one namespace
 * per workflow (so a host forgets a workflow's static data with one
 * `keyValue.delete(tenantId, namespace)`), under the key `global` and one
 * `node:<node id>` per node.
 */
function staticDataNamespace(workflowId: string): string {
  return `workflow.staticData:${workflowId}`;
}

function keyOf(scope: Scope, nodeId: string): string {
  return scope === 'global' ? 'global' : `node:${nodeId}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `code` uses n8n's `$getWorkflowStaticData`. */
export function usesStaticData(code: string): boolean {
  return STATIC_DATA_NAME.test(code);
}

/**
 * Reads the workflow's global static data and this node's, for code that
 * uses `$getWorkflowStaticData`: each scope is an object, empty until a run
 * keeps something there.
 */
export async function loadStaticData(ctx: NodeContext): Promise<LoadedStaticData> {
  const keyValue = ctx.keyValue;
  if (!keyValue) {
    throw new NodeExecutionError(
      `Code node '${ctx.node.name}' uses $getWorkflowStaticData, but the engine's storage keeps no key-value records (its adapter has no keyValue store), where static data is kept.`,
      { code: 'CODE_STATIC_DATA_UNAVAILABLE', retryable: false },
    );
  }
  const namespace = staticDataNamespace(ctx.workflow.id);
  const stored = await Promise.all(SCOPES.map((scope) => keyValue.get(namespace, keyOf(scope, ctx.node.id))));
  const [global, node] = stored.map((value) => (isPlainObject(value) ? value : {}));
  const values = { global: global!, node: node! };
  return { values, texts: { global: JSON.stringify(values.global), node: JSON.stringify(values.node) } };
}

/**
 * Keeps what the code left in each scope it changed (`json`: the JSON text of
 * `{ global, node }` from the sandbox), as n8n saves changed static data
 * after a run. A manual run (a test from the editor) keeps nothing, as in
 * n8n: it reads what production runs kept, and its changes end with it.
 * Each scope is written whole, so of two runs changing one scope at once
 * the last to finish wins.
 */
export async function keepStaticData(ctx: NodeContext, loaded: LoadedStaticData, json: string): Promise<void> {
  const left = JSON.parse(json) as Partial<Record<Scope, unknown>>;
  const changed: [Scope, unknown][] = [];
  for (const scope of SCOPES) {
    const text = JSON.stringify(left[scope] ?? {});
    if (text.length > MAX_STATIC_DATA_CHARS) {
      const mib = (text.length / 1024 / 1024).toFixed(1);
      throw new NodeExecutionError(
        `Code node '${ctx.node.name}' left ${mib} MiB of JSON in $getWorkflowStaticData('${scope}'), over the ${MAX_STATIC_DATA_CHARS / 1024 / 1024} MiB limit for one scope of static data; keep small values there (a cursor, a token, a time).`,
        { code: 'CODE_STATIC_DATA_TOO_LARGE', retryable: false },
      );
    }
    if (text !== loaded.texts[scope]) changed.push([scope, left[scope] ?? {}]);
  }
  if (changed.length === 0 || ctx.execution.mode === 'manual') return;
  const keyValue = ctx.keyValue!;
  const namespace = staticDataNamespace(ctx.workflow.id);
  await Promise.all(changed.map(([scope, value]) => keyValue.set(namespace, keyOf(scope, ctx.node.id), value)));
}
