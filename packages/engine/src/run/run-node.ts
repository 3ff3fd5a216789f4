import { needsCredentials } from '../credentials/credential-session.js';
import { abortError } from '../errors/canceled.error.js';
import { FlowloomError, type SerializedError } from '../errors/flowloom.error.js';
import { NodeExecutionError, serializeError } from '../errors/node-execution.error.js';
import type { PortItems } from '../model/item.js';
import type { Clock } from '../ports/clock.js';
import { ActivationContext, type RunScope } from './activation-context.js';
import type { CompiledNode } from './compiled-workflow.js';
import { normalizeOutput } from './normalize-output.js';
import { linkSignals, raceAbort } from './signals.js';

/** The outcome of one try of a node: its output, or why it failed and whether another try may help. */
export type AttemptResult = { ok: true; output: PortItems } | { ok: false; error: SerializedError; retryable: boolean };

/** Thrown into a node's signal when its own deadline passes. */
class NodeTimeoutError extends FlowloomError {
  static override readonly kind: string = 'NodeTimeoutError';
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(2)} s` : `${ms} ms`;
}

/**
 * The signal one activation's tries run under: the run's, plus the node's own
 * `timeoutMs` over all its tries when it has one. `dispose` when the
 * activation is recorded.
 */
export function activationSignal(compiled: CompiledNode, runSignal: AbortSignal, clock: Clock): { signal: AbortSignal; dispose(): void } {
  const { node } = compiled;
  if (node.timeoutMs === undefined) return { signal: runSignal, dispose: () => {} };
  const controller = new AbortController();
  const timeoutMs = node.timeoutMs;
  const cancelTimer = clock.setTimer(timeoutMs, () =>
    controller.abort(new NodeTimeoutError('NODE_TIMEOUT', `Node '${node.name}' exceeded its time limit of ${formatMs(timeoutMs)}.`)),
  );
  const linked = linkSignals([runSignal, controller.signal]);
  return {
    signal: linked.signal,
    dispose: () => {
      cancelTimer();
      linked.dispose();
    },
  };
}

/**
 * Runs one try of a node: credentials, parameters, `execute`, output shape.
 * Never throws: a failure is data, with whether another try may help (not
 * after the node's own deadline, nor for an error the node marks final).
 */
export async function attemptNode(
  compiled: CompiledNode,
  inputs: PortItems,
  run: RunScope,
  runIndex: number,
  signal: AbortSignal,
): Promise<AttemptResult> {
  const { node, type } = compiled;
  const nodeInputs = node.executeOnce ? firstItems(inputs) : inputs;
  try {
    const ctx = new ActivationContext(compiled, nodeInputs, run, runIndex, signal);
    // A node naming a missing credential fails here, whether or not it would get to use it.
    if (run.credentials && needsCredentials(node, type.credentials)) await run.credentials.prepare(node, type.credentials);
    // Templates are resolved (JSONata is async) before execute, so ctx.params(i) stays synchronous.
    if (!compiled.staticParams) await raceAbort(ctx.prepareParams(), signal);
    const pending = type.execute(ctx);
    const raw = pending instanceof Promise ? await raceAbort(pending, signal) : pending;
    if (signal.aborted) throw abortError(signal);
    return { ok: true, output: normalizeOutput(raw, compiled.outputs, node.name) };
  } catch (error) {
    const retryable = !signal.aborted && !(error instanceof NodeExecutionError && !error.retryable);
    return { ok: false, error: serializeError(signal.aborted ? abortError(signal) : error, { id: node.id, name: node.name }), retryable };
  }
}

function firstItems(inputs: PortItems): PortItems {
  const out: PortItems = {};
  for (const port in inputs) out[port] = (inputs[port] ?? []).slice(0, 1);
  return out;
}
