import { FlowloomError, type SerializedError } from '../errors/flowloom.error.js';
import { NodeExecutionError, serializeError } from '../errors/node-execution.error.js';
import type { Item, PortItems } from '../model/item.js';
import { sleep, type Clock } from '../ports/clock.js';
import { ActivationContext, type RunScope } from './activation-context.js';
import type { CompiledNode } from './compiled-workflow.js';
import { normalizeOutput } from './normalize-output.js';
import { linkSignals, raceAbort } from './signals.js';

/** The outcome of one activation, before it becomes a NodeRun. */
export interface ActivationResult {
  status: 'success' | 'error' | 'canceled';
  output: PortItems;
  tries: number;
  error?: SerializedError;
  /** Whether the run must stop here (an error with onError 'stop', or cancellation). */
  stop: boolean;
}

/** Thrown into a node's signal when its own deadline passes. */
class NodeTimeoutError extends FlowloomError {
  static override readonly kind: string = 'NodeTimeoutError';
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(2)} s` : `${ms} ms`;
}

/** Items for the error paths: each input item with the error added, so it can be handled downstream. */
function errorItems(inputs: PortItems, error: SerializedError): Item[] {
  const info = { message: error.message, code: error.code, ...(error.details !== undefined ? { details: error.details } : {}) };
  const items = inputs.main ?? Object.values(inputs)[0] ?? [];
  if (items.length === 0) return [{ json: { error: info } }];
  return items.map((item, i) => ({ json: { ...item.json, error: info }, pairedItem: { item: i } }));
}

/**
 * Runs one activation of a node: tries, waits between tries, deadline,
 * `onError` routing and `alwaysOutputData`. Never throws; failures are data.
 */
export async function runNode(
  compiled: CompiledNode,
  inputs: PortItems,
  run: RunScope,
  runIndex: number,
  runSignal: AbortSignal,
  clock: Clock,
): Promise<ActivationResult> {
  const { node, type } = compiled;
  const ref = { id: node.id, name: node.name };
  const nodeInputs = node.executeOnce ? firstItems(inputs) : inputs;
  const maxTries = node.retry?.maxTries ?? 1;
  const waitMs = node.retry?.waitMs ?? 1000;

  let signal = runSignal;
  let disposeTimer: (() => void) | undefined;
  let disposeLink: (() => void) | undefined;
  if (node.timeoutMs !== undefined) {
    const controller = new AbortController();
    const timeoutMs = node.timeoutMs;
    disposeTimer = clock.setTimer(timeoutMs, () =>
      controller.abort(new NodeTimeoutError('NODE_TIMEOUT', `Node '${node.name}' exceeded its time limit of ${formatMs(timeoutMs)}.`)),
    );
    const linked = linkSignals([runSignal, controller.signal]);
    signal = linked.signal;
    disposeLink = linked.dispose;
  }

  let tries = 0;
  let failure: unknown;
  try {
    while (tries < maxTries) {
      tries++;
      try {
        const ctx = new ActivationContext(compiled, nodeInputs, run, runIndex, signal);
        // A node naming a missing credential fails here, whether or not it would get to use it.
        if (run.credentials && (node.credentials || type.credentials?.length)) await run.credentials.prepare(node, type.credentials);
        // Templates are resolved (JSONata is async) before execute, so ctx.params(i) stays synchronous.
        if (!compiled.staticParams) await raceAbort(ctx.prepareParams(), signal);
        const pending = type.execute(ctx);
        const raw = pending instanceof Promise ? await raceAbort(pending, signal) : pending;
        if (signal.aborted) throw signal.reason;
        let output = normalizeOutput(raw, compiled.outputs, node.name);
        if (node.alwaysOutputData && isEmpty(output)) output = { [compiled.outputs[0] ?? 'main']: [{ json: {} }] };
        return { status: 'success', output, tries, stop: false };
      } catch (error) {
        failure = error;
        if (runSignal.aborted) {
          return { status: 'canceled', output: {}, tries, error: serializeError(runSignal.reason, ref), stop: true };
        }
        if (signal.aborted || (error instanceof NodeExecutionError && !error.retryable) || tries >= maxTries) break;
        run.logger.debug(`Node '${node.name}' failed (try ${tries} of ${maxTries}); retrying in ${waitMs} ms.`);
        try {
          await sleep(clock, waitMs, runSignal);
        } catch {
          return { status: 'canceled', output: {}, tries, error: serializeError(runSignal.reason, ref), stop: true };
        }
      }
    }
  } finally {
    disposeTimer?.();
    disposeLink?.();
  }

  const error = describeFailure(failure, node.name, ref, tries);
  if (node.onError === 'continue') {
    return { status: 'error', output: { [compiled.outputs[0] ?? 'main']: errorItems(nodeInputs, error) }, tries, error, stop: false };
  }
  if (node.onError === 'errorOutput') {
    return { status: 'error', output: { error: errorItems(nodeInputs, error) }, tries, error, stop: false };
  }
  return { status: 'error', output: {}, tries, error, stop: true };
}

function describeFailure(failure: unknown, nodeName: string, ref: { id: string; name: string }, tries: number): SerializedError {
  const error = serializeError(failure, ref);
  // Messages name the node so they make sense away from the canvas (logs, history lists).
  if (!error.message.includes(`'${nodeName}'`)) error.message = `Node '${nodeName}' failed: ${error.message}`;
  if (tries > 1) error.message += ` (after ${tries} tries)`;
  return error;
}

function isEmpty(output: PortItems): boolean {
  for (const port in output) if ((output[port]?.length ?? 0) > 0) return false;
  return true;
}

function firstItems(inputs: PortItems): PortItems {
  const out: PortItems = {};
  for (const port in inputs) out[port] = (inputs[port] ?? []).slice(0, 1);
  return out;
}
