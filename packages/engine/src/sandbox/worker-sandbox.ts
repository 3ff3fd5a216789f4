import { abortError } from '../errors/canceled.error.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import type { CodeSandbox } from './code-sandbox.js';
import type { CodeRunRequest, CodeRunResult, SandboxRequestMessage, SandboxResponseMessage } from './protocol.js';
import type { WorkerPort } from './worker-port.js';
import { WorkerError } from './worker.error.js';

/** A started Code node worker, seen from the host; the Node and browser hosts adapt their Worker to this. */
export type SandboxWorker = WorkerPort<SandboxRequestMessage, SandboxResponseMessage>;

/** Options of a worker-backed sandbox. */
export interface WorkerSandboxOptions {
  /** Starts a worker for a tenant. */
  spawn(tenantId: string): SandboxWorker;
  /** Workers kept alive at once (one per tenant); the least recently used idle one is ended past this (default 4). */
  maxWorkers?: number;
  /**
   * Largest input sent to a worker, in MiB of JSON (default 32). A worker must
   * hold its input in its own heap; refusing larger inputs up front keeps a
   * worker from dying on a message it cannot hold.
   */
  maxInputMb?: number;
  /** Time allowed past the run's deadline before the worker is ended (default 250 ms; 2 s more on a worker's first run, which loads QuickJS). */
  graceMs?: number;
}

interface Slot {
  tenantId: string;
  worker: SandboxWorker;
  dead: boolean;
  warm: boolean;
  busy: boolean;
  /** When the worker was last used, as a count of uses (an order is all the least-recently-used choice needs). */
  lastUsed: number;
  pending: Map<number, (result: CodeRunResult) => void>;
  /** Output parts received for a run still in flight, already parsed (or the reason one could not be). */
  parts: Map<number, { values: unknown[]; count: number; broken?: string }>;
  queue: Promise<unknown>;
}

const COLD_START_GRACE_MS = 2_000;

/**
 * Parses one part of a large array output as it arrives, while the guest is
 * still serializing the next: the engine's thread does that work in parallel
 * with the worker instead of after it.
 */
function receivePart(slot: Slot, id: number, json: string): void {
  if (!slot.pending.has(id)) return;
  let received = slot.parts.get(id);
  if (!received) slot.parts.set(id, (received = { values: [], count: 0 }));
  received.count++;
  if (received.broken) return;
  try {
    const values = JSON.parse(json) as unknown;
    if (!Array.isArray(values)) throw new WorkerError('WORKER_PROTOCOL', 'a part of the output is not an array');
    for (const value of values) received.values.push(value);
  } catch (error) {
    received.broken = String((error as Error)?.message ?? error);
  }
}

/** The result as the engine sees it: a streamed output becomes the array of its parsed parts. */
function assemble(result: CodeRunResult, parts: { values: unknown[]; count: number; broken?: string } | undefined): CodeRunResult {
  if (!result.ok || !('streamedParts' in result) || result.streamedParts === undefined) return result;
  const { logs, memoryBytes } = result;
  if (!parts || parts.broken || parts.count !== result.streamedParts) {
    const why = parts?.broken ?? `${parts?.count ?? 0} of ${result.streamedParts} parts arrived`;
    return { ok: false, logs, error: { code: 'CODE_SANDBOX', message: `its output could not be read (${why})` } };
  }
  return memoryBytes === undefined ? { ok: true, output: parts.values, logs } : { ok: true, output: parts.values, logs, memoryBytes };
}

const WORKER_SANDBOX_OPTIONS: OptionSpec<WorkerSandboxOptions> = { spawn: true, maxWorkers: true, maxInputMb: true, graceMs: true };

/**
 * A CodeSandbox over killable workers: one worker per tenant, reused between
 * that tenant's runs and never shared with another tenant; a watchdog ends a
 * worker whose run outlives its deadline, and the next run gets a fresh one.
 */
export function createWorkerSandbox(options: WorkerSandboxOptions): CodeSandbox {
  checkOptions('createWorkerSandbox', options, WORKER_SANDBOX_OPTIONS);
  const slots = new Map<string, Slot>();
  const maxWorkers = options.maxWorkers ?? 4;
  const graceMs = options.graceMs ?? 250;
  const maxInputChars = (options.maxInputMb ?? 32) * 1024 * 1024;
  let nextId = 1;
  let uses = 0;

  const kill = (slot: Slot) => {
    if (slot.dead) return;
    slot.dead = true;
    if (slots.get(slot.tenantId) === slot) slots.delete(slot.tenantId);
    try {
      void slot.worker.terminate();
    } catch {
      // Already gone.
    }
  };

  const slotFor = (tenantId: string): Slot => {
    const existing = slots.get(tenantId);
    if (existing && !existing.dead) return existing;
    if (slots.size >= maxWorkers) {
      const idle = [...slots.values()].filter((s) => !s.busy).sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (idle) kill(idle);
    }
    const worker = options.spawn(tenantId);
    const slot: Slot = {
      tenantId,
      worker,
      dead: false,
      warm: false,
      busy: false,
      lastUsed: ++uses,
      pending: new Map(),
      parts: new Map(),
      queue: Promise.resolve(),
    };
    worker.onMessage((message) => {
      if (message.type === 'part') {
        receivePart(slot, message.id, message.json);
        return;
      }
      if (message.type !== 'result') return;
      const resolve = slot.pending.get(message.id);
      slot.pending.delete(message.id);
      resolve?.(assemble(message.result, slot.parts.get(message.id)));
      slot.parts.delete(message.id);
    });
    worker.onExit((exit) => {
      const wasDead = slot.dead;
      kill(slot);
      if (wasDead) return;
      const error = exit.outOfMemory
        ? { code: 'CODE_MEMORY', message: 'ran out of memory (the worker was stopped)' }
        : { code: 'CODE_SANDBOX', message: `its worker stopped unexpectedly: ${exit.message}` };
      for (const resolve of slot.pending.values()) resolve({ ok: false, error, logs: [] });
      slot.pending.clear();
    });
    worker.setBusy?.(false);
    slots.set(tenantId, slot);
    return slot;
  };

  const runOnSlot = (slot: Slot, request: CodeRunRequest, signal: AbortSignal | undefined) =>
    new Promise<CodeRunResult>((resolve, reject) => {
      if (slot.dead) {
        resolve({ ok: false, error: { code: 'CODE_SANDBOX', message: 'its worker stopped unexpectedly' }, logs: [] });
        return;
      }
      const id = nextId++;
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        slot.pending.delete(id);
        slot.parts.delete(id);
        slot.busy = false;
        slot.lastUsed = ++uses;
        if (!slot.dead) slot.worker.setBusy?.(false);
      };
      const onAbort = () => {
        done();
        kill(slot);
        reject(abortError(signal!));
      };
      slot.pending.set(id, (result) => {
        done();
        slot.warm = true;
        if (!result.ok && result.fatal) kill(slot);
        resolve(result);
      });
      const allowed = request.limits.timeoutMs + graceMs + (slot.warm ? 0 : COLD_START_GRACE_MS);
      const timer = setTimeout(() => {
        done();
        kill(slot);
        resolve({ ok: false, error: { code: 'CODE_TIMEOUT', message: 'stopped by the watchdog' }, logs: [] });
      }, allowed);
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.busy = true;
      slot.worker.setBusy?.(true);
      slot.worker.postMessage({ type: 'run', id, request });
    });

  return {
    prepare(tenantId) {
      slotFor(tenantId);
    },
    run(request, signal) {
      signal?.throwIfAborted();
      if (request.dataJson.length + request.code.length > maxInputChars) {
        const mb = ((request.dataJson.length + request.code.length) / 1024 / 1024).toFixed(1);
        return Promise.resolve({
          ok: false,
          logs: [],
          error: {
            code: 'CODE_INPUT_TOO_LARGE',
            message: `${mb} MiB of JSON is over the ${options.maxInputMb ?? 32} MiB input limit`,
          },
        });
      }
      const slot = slotFor(request.tenantId);
      // One run at a time per worker: a watchdog kill then only ever ends the run that overran.
      const result = slot.queue.then(() => {
        signal?.throwIfAborted();
        return runOnSlot(slot.dead ? slotFor(request.tenantId) : slot, request, signal);
      });
      slot.queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      for (const slot of [...slots.values()]) kill(slot);
    },
  };
}
