import { abortError } from '../errors/canceled.error.js';
import { NodeExecutionError } from '../errors/node-execution.error.js';
import { CredentialSession, needsCredentials } from '../credentials/credential-session.js';
import { Redactor } from '../credentials/redactor.js';
import { describeValue } from '../errors/describe-value.js';
import type { Item } from '../model/item.js';
import type { PollResult } from '../nodes/define-node.js';
import { systemRandom } from '../ports/random.js';
import { ActivationContext, type RunScope } from './activation-context.js';
import type { CompiledNode, CompiledWorkflow } from './compiled-workflow.js';
import type { ExecutionMode } from '../model/execution.js';
import type { Workflow } from '../model/workflow.js';
import type { RunDeps } from './execute-run.js';
import { findItemProblem } from './normalize-output.js';
import { createRunServices } from './run-services.js';
import { raceAbort } from './signals.js';

/** One poll of a polling trigger. */
export interface PollRequest {
  tenantId: string;
  nodeId: string;
  cursor: unknown;
  /** `$vars` as a run of the workflow sees them. */
  vars: Readonly<Record<string, unknown>>;
  /** An id for the poll, under which its credential uses are audited. */
  pollId: string;
  signal: AbortSignal;
}

/** What building a node's `ctx` outside an execution needs from the engine. */
export type OutsideRunDeps = Pick<RunDeps, 'clock' | 'logger' | 'resolver' | 'env' | 'credentials' | 'fetch' | 'sandbox' | 'random'>;

/**
 * The `ctx` a run would give a node (its parameters, credentials, the
 * engine's HTTP port), for work done outside any execution: a trigger's poll,
 * a parameter's choices. The redactor knows the secrets the work decrypts.
 */
export async function contextOutsideRun(
  deps: OutsideRunDeps,
  workflow: Workflow,
  node: CompiledNode,
  request: { tenantId: string; vars: Readonly<Record<string, unknown>>; id: string; signal: AbortSignal; mode: ExecutionMode },
): Promise<{ ctx: ActivationContext; redactor: Redactor }> {
  const { tenantId, signal } = request;
  const redactor = new Redactor();
  const services = createRunServices({
    fetch: deps.fetch,
    respond: undefined,
    runSubWorkflow: undefined,
    parent: { tenantId, executionId: request.id, workflowId: workflow.id, depth: 0 },
    clock: deps.clock,
  });
  const credentials =
    deps.credentials &&
    new CredentialSession(deps.credentials, { tenantId, workflowId: workflow.id, executionId: request.id }, redactor, (input, init) =>
      services.fetch(input, init),
    );
  const scope: RunScope = {
    workflow,
    execution: { id: request.id, mode: request.mode, tenantId },
    logger: redactor.logger(deps.logger),
    credentials,
    resolver: deps.resolver,
    vars: request.vars,
    env: deps.env,
    now: () => deps.clock.now(),
    nodeOutput: () => undefined,
    random: deps.random ?? systemRandom,
    services,
    sandbox: deps.sandbox,
  };
  const ctx = new ActivationContext(node, {}, scope, 0, signal);
  if (credentials && needsCredentials(node.node, node.type.credentials)) await credentials.prepare(node.node, node.type.credentials);
  return { ctx, redactor };
}

/**
 * Runs a polling trigger's `poll` with the `ctx` a run would give the node
 * (its parameters resolved, its credentials, the engine's HTTP port), outside
 * any execution. Secrets the poll decrypted are redacted from the items it
 * returns, as a run redacts what it records. Rejects with the node's error.
 */
export async function pollNode(deps: OutsideRunDeps, compiled: CompiledWorkflow, request: PollRequest): Promise<PollResult> {
  const node = compiled.nodes.get(request.nodeId);
  const poll = node?.type.poll;
  if (!node || !poll) throw new NodeExecutionError(`Node '${request.nodeId}' is not a polling trigger.`, { retryable: false });
  const { signal } = request;
  const { ctx, redactor } = await contextOutsideRun(deps, compiled.workflow, node, {
    tenantId: request.tenantId,
    vars: request.vars,
    id: request.pollId,
    signal,
    mode: 'trigger',
  });
  if (!node.staticParams) await raceAbort(ctx.prepareParams(), signal);
  const result = await raceAbort(poll.poll(ctx, request.cursor), signal);
  if (signal.aborted) throw abortError(signal);
  const name = node.node.name;
  if (typeof result !== 'object' || result === null) {
    throw new NodeExecutionError(`Node '${name}': its poll must return { items, cursor }, got ${describeValue(result)}.`, {
      code: 'OUTPUT_INVALID',
      retryable: false,
    });
  }
  const problem = findItemProblem(result.items, 'items');
  if (problem)
    throw new NodeExecutionError(`Node '${name}': its poll returned invalid items: ${problem}.`, {
      code: 'OUTPUT_INVALID',
      retryable: false,
    });
  const cursor: unknown = result.cursor === undefined ? request.cursor : result.cursor;
  return { items: redactor.redact(result.items as Item[]), cursor: redactor.redact(cursor) };
}
