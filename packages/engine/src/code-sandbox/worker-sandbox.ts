import { abortError } from '../errors/canceled.error.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { sleep, systemClock } from '../ports/clock.js';
import type { CodeSandbox, CodeTimerWait } from './code-sandbox.js';
import type { CodeRunRequest, CodeRunResult, SandboxRequestMessage, SandboxResponseMessage } from './protocol.js';
import { createWorkerPool, WORKER_POOL_OPTIONS, type PoolLease, type WorkerPoolOptions } from '../workers/worker-pool.js';
import type { WorkerExit, WorkerPort } from '../workers/worker-port.js';
import { WorkerError } from '../workers/worker.error.js';

/** A started Code node worker, seen from the host; the Node and browser hosts adapt their Worker to this. */
export type SandboxWorker = WorkerPort<SandboxRequestMessage, SandboxResponseMessage>;

/** Options of a worker-backed sandbox. */
export interface WorkerSandboxOptions extends WorkerPoolOptions {
  /** Starts a worker for a tenant. */
  spawn(tenantId: string): SandboxWorker;
  /**
   * Largest input sent to a worker, in MiB of JSON (default 32). A worker must
   * hold its input in its own heap; refusing larger inputs up front keeps a
   * worker from dying on a message it cannot hold.
   */
  maxInputMb?: number;
  /** Time allowed past the run's deadline before the worker is ended (default 250 ms; 2 s more on a worker's first run, which loads QuickJS). */
  graceMs?: number;
}

/** A sandbox worker with the runs it owes answers for. */
interface Slot {
  port: SandboxWorker;
  pending: Map<number, (result: CodeRunResult) => void>;
  /** Output parts received for a run still in flight, already parsed (or the reason one could not be). */
  parts: Map<number, { values: unknown[]; count: number; broken?: string }>;
  /** What to do when a run in flight asks to wait for its next timer. */
  waits: Map<number, (ms: number) => void>;
  terminate(): unknown;
  onExit(listener: (exit: WorkerExit) => void): void;
  setBusy?(busy: boolean): void;
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
  const { logs, memoryBytes, staticDataJson } = result;
  if (!parts || parts.broken || parts.count !== result.streamedParts) {
    const why = parts?.broken ?? `${parts?.count ?? 0} of ${result.streamedParts} parts arrived`;
    return { ok: false, logs, error: { code: 'CODE_SANDBOX', message: `its output could not be read (${why})` } };
  }
  return {
    ok: true,
    output: parts.values,
    logs,
    ...(memoryBytes === undefined ? {} : { memoryBytes }),
    ...(staticDataJson === undefined ? {} : { staticDataJson }),
  };
}

/** Characters of library source a run carries into the worker. */
function librariesSize(request: CodeRunRequest): number {
  let size = 0;
  for (const source of Object.values(request.libraries?.sources ?? {})) size += source.length;
  return size;
}

/**
 * The Code sandbox's pool caps unless the host sets them: four workers, one
 * run at a time per tenant, and every idle worker kept warm (a new worker
 * loads QuickJS first).
 */
export const CODE_SANDBOX_POOL: Required<WorkerPoolOptions> = { maxWorkers: 4, maxWorkersPerTenant: 1, maxIdleWorkers: 4 };

const WORKER_SANDBOX_OPTIONS: OptionSpec<WorkerSandboxOptions> = { ...WORKER_POOL_OPTIONS, spawn: true, maxInputMb: true, graceMs: true };

/**
 * A CodeSandbox over killable workers from a worker pool: a tenant's workers
 * are reused between its runs and never shared with another tenant; a
 * watchdog ends a worker whose run outlives its deadline, and the next run
 * gets a fresh one. Runs beyond the pool's caps wait for a worker.
 */
export function createWorkerSandbox(options: WorkerSandboxOptions): CodeSandbox {
  checkOptions('createWorkerSandbox', options, WORKER_SANDBOX_OPTIONS);
  const graceMs = options.graceMs ?? 250;
  const maxInputChars = (options.maxInputMb ?? 32) * 1024 * 1024;
  let nextId = 1;

  const spawn = (tenantId: string): Slot => {
    const port = options.spawn(tenantId);
    const slot: Slot = {
      port,
      pending: new Map(),
      parts: new Map(),
      waits: new Map(),
      terminate: () => port.terminate(),
      onExit: (listener) => port.onExit(listener),
      setBusy: port.setBusy && ((busy) => port.setBusy!(busy)),
    };
    port.onMessage((message) => {
      if (message.type === 'part') {
        receivePart(slot, message.id, message.json);
        return;
      }
      if (message.type === 'wait') {
        slot.waits.get(message.id)?.(message.ms);
        return;
      }
      if (message.type !== 'result') return;
      const resolve = slot.pending.get(message.id);
      slot.pending.delete(message.id);
      resolve?.(assemble(message.result, slot.parts.get(message.id)));
      slot.parts.delete(message.id);
    });
    return slot;
  };
  const pool = createWorkerPool<Slot>({ ...options, spawn }, CODE_SANDBOX_POOL);

  const runOnWorker = (lease: PoolLease<Slot>, request: CodeRunRequest, signal: AbortSignal | undefined, wait: CodeTimerWait) =>
    new Promise<CodeRunResult>((resolve, reject) => {
      const slot = lease.worker;
      const id = nextId++;
      // Ends the wait for a timer still under way when the run ends.
      const waiting = new AbortController();
      const done = () => {
        clearTimeout(timer);
        waiting.abort();
        signal?.removeEventListener('abort', onAbort);
        slot.pending.delete(id);
        slot.parts.delete(id);
        slot.waits.delete(id);
      };
      const onAbort = () => {
        done();
        pool.kill(lease);
        reject(abortError(signal!));
      };
      slot.pending.set(id, (result) => {
        done();
        if (!result.ok && result.fatal) pool.kill(lease);
        else pool.release(lease);
        resolve(result);
      });
      lease.onExit = (exit) => {
        done();
        const error = exit.outOfMemory
          ? { code: 'CODE_MEMORY', message: 'ran out of memory (the worker was stopped)' }
          : { code: 'CODE_SANDBOX', message: `its worker stopped unexpectedly: ${exit.message}` };
        resolve({ ok: false, error, logs: [] });
      };
      const watchdog = (allowed: number) =>
        setTimeout(() => {
          done();
          pool.kill(lease);
          resolve({ ok: false, error: { code: 'CODE_TIMEOUT', message: 'stopped by the watchdog' }, logs: [] });
        }, allowed);
      let timer = watchdog(request.limits.timeoutMs + graceMs + (lease.jobs > 0 ? 0 : COLD_START_GRACE_MS));
      // While the code waits for a timer it does not run: the watchdog stops, and starts again when it wakes.
      slot.waits.set(id, (ms) => {
        clearTimeout(timer);
        // A wait that throws at once fails the run as one that rejects does.
        new Promise<void>((resolve) => resolve(wait(ms, waiting.signal))).then(
          () => {
            if (!slot.pending.has(id)) return;
            timer = watchdog(request.limits.timeoutMs + graceMs);
            slot.port.postMessage({ type: 'wake', id });
          },
          (error: unknown) => {
            if (!slot.pending.has(id) || signal?.aborted) return;
            done();
            pool.kill(lease);
            resolve({ ok: false, error: { code: 'CODE_SANDBOX', message: `its timer could not wait: ${String(error)}` }, logs: [] });
          },
        );
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.port.postMessage({ type: 'run', id, request });
    });

  return {
    prepare(tenantId) {
      pool.warm(tenantId);
    },
    async run(request, signal, wait = (ms, waitSignal) => sleep(systemClock, ms, waitSignal)) {
      signal?.throwIfAborted();
      const size = request.dataJson.length + request.code.length + librariesSize(request);
      if (size > maxInputChars) {
        const mb = (size / 1024 / 1024).toFixed(1);
        return {
          ok: false,
          logs: [],
          error: {
            code: 'CODE_INPUT_TOO_LARGE',
            message: `${mb} MiB of JSON is over the ${options.maxInputMb ?? 32} MiB input limit`,
          },
        };
      }
      const lease = await pool.acquire(request.tenantId, signal);
      if (!lease) throw abortError(signal!);
      return runOnWorker(lease, request, signal, wait);
    },
    async close() {
      pool.close(() => new WorkerError('WORKER_POOL_CLOSED', 'The Code sandbox was closed; the run did not start.'));
    },
  };
}
