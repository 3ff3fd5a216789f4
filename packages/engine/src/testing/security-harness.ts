/**
 * What the two runners of the security table (vitest in Node, @web/test-runner
 * in Chromium) share: the workflows a case runs and the checks of its outcome.
 * Checks return the problems found, so each runner asserts an empty list with
 * its own test library.
 */
import type { Engine } from '../run/engine-api.js';
import type { NodeRun } from '../model/execution.js';
import type { ExpressionCase, SecurityCase } from './security-cases.js';

/** The probe node for expressions: emits the resolved value of its `value` parameter (pass it to `defineNode`). */
export const echoNodeDefinition = {
  type: 'security.echo',
  version: 1,
  displayName: 'Echo',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  execute: (ctx: { params(index: number): Record<string, unknown> }) => [{ json: { value: ctx.params(0).value } }],
} as const;

const trigger = { id: 't', name: 'Start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} };

function twoNodes(id: string, name: string, second: Record<string, unknown>) {
  return {
    schemaVersion: 1,
    id,
    name,
    nodes: [trigger, { typeVersion: 1, position: { x: 200, y: 0 }, ...second }],
    connections: [{ from: { node: 't', port: 'main' }, to: { node: second.id, port: 'main' } }],
    settings: {},
  };
}

/** Start -> Code (node id `c`), running `code` with the case's mode and limits. */
export function codeCaseWorkflow(code: string, c: Partial<SecurityCase> = {}) {
  return twoNodes('wf-security', 'Security', {
    id: 'c',
    name: 'Code',
    type: 'core.code',
    parameters: { code, mode: c.mode ?? 'allItems', ...c.limits },
  });
}

/** Start -> Echo (node id `e`), resolving the case's template. */
export function expressionCaseWorkflow(c: ExpressionCase) {
  return twoNodes('wf-expr', 'Expressions', { id: 'e', name: 'Echo', type: 'security.echo', parameters: { value: c.template } });
}

const hostPrepareStackTrace = (Error as { prepareStackTrace?: unknown }).prepareStackTrace;

/** Whatever a run let reach the host (page or process): polluted prototypes, leaked globals, foreign prototypes. */
export function hostProblems(run: NodeRun): string[] {
  const problems: string[] = [];
  if (({} as Record<string, unknown>).polluted !== undefined) problems.push('Object.prototype was polluted');
  if (([] as unknown as Record<string, unknown>).polluted !== undefined) problems.push('Array.prototype was polluted');
  if ((globalThis as Record<string, unknown>).leak !== undefined) problems.push('a global leaked into the host');
  if ((Error as { prepareStackTrace?: unknown }).prepareStackTrace !== hostPrepareStackTrace)
    problems.push('Error.prepareStackTrace changed');
  if (Object.getPrototypeOf(run.output.main?.[0]?.json ?? {}) !== Object.prototype) problems.push('an output object has another prototype');
  return problems;
}

/** How a Code node run differs from the case's expected safe outcome, plus anything that reached the host. */
export function codeCaseProblems(c: SecurityCase, run: NodeRun): string[] {
  const problems: string[] = [];
  const message = run.error?.message ?? '';
  if (c.expect.status === 'success') {
    if (run.error) problems.push(`unexpected error: ${message}`);
    const got = JSON.stringify(run.output.main?.map((i) => i.json));
    if (got !== JSON.stringify(c.expect.json)) problems.push(`output ${got}`);
  } else {
    if (run.status !== 'error') problems.push(`expected a failure, got ${run.status}`);
    if (!c.expect.codes.includes(run.error?.code ?? '')) problems.push(`code ${run.error?.code}: ${message}`);
    if (!message.startsWith("Code node 'Code' ")) problems.push(`message does not name the node: ${message}`);
    if (c.expect.message && !message.includes(c.expect.message)) problems.push(`message lacks "${c.expect.message}": ${message}`);
  }
  return [...problems, ...hostProblems(run)];
}

/** How an expression run differs from the case's expected safe outcome, plus anything that reached the host. */
export function expressionCaseProblems(c: ExpressionCase, run: NodeRun): string[] {
  const problems: string[] = [];
  if (c.expect.status === 'success') {
    if (run.error) problems.push(`unexpected error: ${run.error.message}`);
    const got = JSON.stringify(run.output.main?.[0]?.json.value);
    if (got !== JSON.stringify(c.expect.value)) problems.push(`value ${got}`);
  } else {
    if (run.status !== 'error') problems.push(`expected a failure, got ${run.status}`);
    if (!c.expect.codes.includes(run.error?.code ?? '')) problems.push(`code ${run.error?.code}: ${run.error?.message}`);
  }
  return [...problems, ...hostProblems(run)];
}

/** Runs a Code node case (and the run it asks to make first) on `engine`; resolves with the Code node's run. */
export async function runCodeCase(engine: Pick<Engine, 'run' | 'parseWorkflow'>, c: SecurityCase): Promise<NodeRun> {
  if (c.before) {
    await engine.run(engine.parseWorkflow(codeCaseWorkflow(c.before.code)), { tenantId: c.before.tenantId ?? c.tenantId ?? 'default' });
  }
  const execution = await engine.run(engine.parseWorkflow(codeCaseWorkflow(c.code, c)), {
    tenantId: c.tenantId ?? 'default',
    input: c.input ?? [{ json: { n: 1 } }],
  });
  return execution.nodes.c![0]!;
}

/** Runs an expression case on `engine` (which must know the echo node); resolves with the Echo node's run. */
export async function runExpressionCase(engine: Pick<Engine, 'run' | 'parseWorkflow'>, c: ExpressionCase): Promise<NodeRun> {
  const execution = await engine.run(engine.parseWorkflow(expressionCaseWorkflow(c)), { input: c.input ?? [{ json: {} }] });
  return execution.nodes.e![0]!;
}
