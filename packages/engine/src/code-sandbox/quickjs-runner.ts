// One file past 400 lines: one Code node run inside QuickJS (limits, globals, marshalling in and out, interrupts)
// shares the context's handles, which must be freed in one place; most of the length is comments.
import type {
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSSyncVariant,
  QuickJSWASMModule,
  CustomizeVariantOptions,
} from 'quickjs-emscripten-core';
import { systemClock, type Clock } from '../ports/clock.js';
import { DEFAULT_CODE_LIMITS, GUEST_STACK_BYTES } from './code-limits.js';
import { installTimers, nextTimer, realWait, usesTimers, type TimerWait } from './timer-run.js';
import { GUEST_BASE64 } from './guest-base64.js';
import { GUEST_PRELUDE } from './guest-prelude.js';
import type { CodeLogEntry, CodeRunFailure, CodeRunRequest, CodeRunResult } from './protocol.js';
import { loadExpressionSupport, runExpressions, type ExpressionSupport } from './expression-run.js';
import { codeRunArguments, loadCodeExtras, type CodeExtras } from './code-run-extras.js';
import { classify, CODE_PREFIX, decode } from './run-failure.js';

const MiB = 1024 * 1024;
const WASM_PAGE = 64 * 1024;
/** Room in the WebAssembly memory beyond the guest heap: QuickJS's own data and stack. */
const HEADROOM_MB = 16;
const MAX_LOG_ENTRIES = 1000;
const MAX_LOG_CHARS = 8 * 1024;
const FILE = 'code.js';
const WARM_UP_DATA = JSON.stringify({ items: [], nodes: {}, vars: {}, execution: {}, workflow: {}, runIndex: 0 });
const WARM_UP_LIMITS = { memoryMb: 16, timeoutMs: 1_000, outputMb: 1, waitMs: 0 };

/** What the runner needs from the worker it runs in. */
export interface QuickJsRunnerOptions {
  /**
   * The compiled QuickJS WebAssembly module, shared by the tenants' instances
   * so each new instance only costs an instantiation. Without it, each tenant's
   * instance loads the `.wasm` file itself.
   */
  wasmModule?: () => Promise<object>;
  /** The guest's stack limit in bytes (default 256 KiB, measured clean in Node; browsers pass less). */
  stackBytes?: number;
  /**
   * The QuickJS build to use (default: `@jitl/quickjs-wasmfile-release-sync`,
   * imported on first use). Node's worker passes one loaded with `require`.
   */
  variant?: () => QuickJSSyncVariant;
  /**
   * The time the code's `timeoutMs` is measured on (default `systemClock`).
   * The runner lives in the worker, where the engine's own clock cannot reach.
   */
  clock?: Pick<Clock, 'now'>;
}

/** The part of the WebAssembly API the runner uses (the engine compiles without DOM or Node types). */
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => NonNullable<CustomizeVariantOptions['wasmMemory']>;
}

interface TenantModule {
  module: QuickJSWASMModule;
  maxMb: number;
}

/**
 * Runs Code node requests in QuickJS, inside a worker. One WebAssembly module
 * instance per tenant, with a fixed-size memory, so a memory-safety bug cannot
 * cross tenants and a memory bomb stops at the module's ceiling; a fresh
 * runtime and context for every run.
 */
export class QuickJsRunner {
  readonly #options: QuickJsRunnerOptions;
  readonly #tenants = new Map<string, Promise<TenantModule>>();
  /** A module warmed up before any tenant used it; the first tenant takes it. */
  #spare: Promise<TenantModule> | undefined;
  /** Requests received and not answered yet. */
  #requests = 0;

  constructor(options: QuickJsRunnerOptions = {}) {
    this.#options = options;
  }

  /**
   * Loads QuickJS and runs a trivial script in a module no tenant has used
   * yet, so the first real run skips the one-time costs (loading, compiling,
   * first calls into WebAssembly). The first tenant then takes that module.
   * When a request is already waiting by the time the module is ready, the
   * trivial script is skipped: the request itself pays those costs once.
   * The promise settles when the module is ready (or could not be made); it never rejects.
   */
  warmUp(memoryMb = 64): Promise<void> {
    this.#spare ??= this.#newModule(Math.ceil(memoryMb) + HEADROOM_MB).then(async (tenant) => {
      if (this.#requests > 0) return tenant;
      const runtime = tenant.module.newRuntime();
      try {
        await execute(
          runtime,
          { tenantId: '', nodeName: '', mode: 'allItems', code: 'return [];', dataJson: WARM_UP_DATA, limits: WARM_UP_LIMITS },
          [],
        );
      } finally {
        runtime.dispose();
      }
      return tenant;
    });
    const spare = this.#spare;
    spare.catch(() => {
      if (this.#spare === spare) this.#spare = undefined;
    });
    return spare.then(
      () => undefined,
      () => undefined,
    );
  }

  async #moduleFor(tenantId: string, memoryMb: number): Promise<TenantModule> {
    const wantMb = Math.ceil(memoryMb) + HEADROOM_MB;
    const existing = this.#tenants.get(tenantId);
    if (existing) {
      const tenant = await existing;
      if (tenant.maxMb >= wantMb) return tenant;
    }
    const spare = this.#spare;
    this.#spare = undefined;
    const created = spare
      ? spare.then(
          (warm) => (warm.maxMb >= wantMb ? warm : this.#newModule(wantMb)),
          () => this.#newModule(wantMb),
        )
      : this.#newModule(wantMb);
    this.#tenants.set(tenantId, created);
    try {
      return await created;
    } catch (error) {
      this.#tenants.delete(tenantId);
      throw error;
    }
  }

  #newModule(wantMb: number): Promise<TenantModule> {
    return (async (): Promise<TenantModule> => {
      const given = this.#options.variant;
      const [{ newQuickJSWASMModuleFromVariant, newVariant }, base] = await Promise.all([
        import('quickjs-emscripten-core'),
        given ? given() : import('@jitl/quickjs-wasmfile-release-sync').then(syncVariant),
      ]);
      const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      const wasmMemory = new wasm.Memory({ initial: 256, maximum: Math.max(256, (wantMb * MiB) / WASM_PAGE) });
      const wasmModule = this.#options.wasmModule as CustomizeVariantOptions['wasmModule'];
      const variant = newVariant(base, wasmModule ? { wasmMemory, wasmModule } : { wasmMemory });
      return { module: await newQuickJSWASMModuleFromVariant(variant), maxMb: wantMb };
    })();
  }

  /**
   * Runs one request. Never rejects: failures are results. A result with
   * `fatal` means the module may be damaged; the host should end this worker.
   * With `onPart`, a large array output is handed over in parts while it is
   * serialized (each part the JSON text of consecutive elements), and the
   * result says how many (`streamedParts`); without it, the parts are joined
   * into the result's `outputJson`. `wait` is how the code's timers wait
   * (default: real time in this worker).
   */
  async run(
    request: CodeRunRequest,
    deliver?: (result: CodeRunResult) => void,
    onPart?: (json: string) => void,
    wait: TimerWait = realWait,
  ): Promise<CodeRunResult> {
    const logs: CodeLogEntry[] = [];
    let delivered = false;
    const send = (result: CodeRunResult) => {
      if (!delivered) {
        delivered = true;
        deliver?.(result);
      }
      return result;
    };
    let tenant: TenantModule;
    this.#requests++;
    try {
      tenant = await this.#moduleFor(request.tenantId, request.limits.memoryMb);
    } catch (error) {
      this.#requests--;
      return send({
        ok: false,
        logs,
        fatal: true,
        error: { code: 'CODE_SANDBOX', message: `the sandbox could not start: ${String(error)}` },
      });
    }
    this.#requests--;
    let extras: ExpressionSupport | undefined;
    let codeExtras: CodeExtras = { n8n: false, intl: false };
    try {
      if (request.mode === 'expressions') extras = await loadExpressionSupport();
      else codeExtras = await loadCodeExtras(request.code);
    } catch (error) {
      const what = request.mode === 'expressions' ? 'the expression runtime' : 'Luxon';
      return send({ ok: false, logs, error: { code: 'CODE_SANDBOX', message: `${what} could not load: ${String(error)}` } });
    }
    let runtime: QuickJSRuntime | undefined;
    try {
      runtime = tenant.module.newRuntime();
      const deliver = (r: CodeRunResult) => {
        r.memoryBytes = tenant.module.getWasmMemory().buffer.byteLength;
        send(r);
      };
      const { stackBytes = GUEST_STACK_BYTES, clock = systemClock } = this.#options;
      const result = await execute(runtime, request, logs, stackBytes, onPart, deliver, clock, extras, codeExtras, wait);
      const done = runtime;
      runtime = undefined;
      try {
        done.dispose();
      } catch {
        // QuickJS can leak objects on an out-of-memory path and then refuses to free the
        // runtime. The answer stands; this tenant's module is dropped and the next run gets a new one.
        this.#tenants.delete(request.tenantId);
      }
      return send(result);
    } catch (error) {
      // A WebAssembly trap or a failure inside the binding layer: the module can no longer be trusted.
      this.#tenants.delete(request.tenantId);
      runtime = undefined;
      return send({ ok: false, logs, fatal: true, error: fatalFailure(error) });
    } finally {
      try {
        runtime?.dispose();
      } catch {
        this.#tenants.delete(request.tenantId);
      }
    }
  }
}

/** The variant package's default export, whichever way the module system wrapped it. */
export function syncVariant(module: unknown): QuickJSSyncVariant {
  let value = (module as { default?: unknown }).default ?? module;
  if ((value as { type?: unknown }).type === undefined) value = (value as { default?: unknown }).default;
  return value as QuickJSSyncVariant;
}

function fatalFailure(error: unknown): CodeRunFailure {
  const text = String((error as { message?: unknown })?.message ?? error);
  if (/memory|alloc/i.test(text)) return { code: 'CODE_MEMORY', message: 'out of memory' };
  // The platform's own stack ran out before QuickJS's limit was reached.
  if (/call stack/i.test(text)) return { code: 'CODE_STACK', message: text };
  return { code: 'CODE_SANDBOX', message: `the sandbox failed: ${text}` };
}

/**
 * Runs one request in a fresh context of `runtime`. Output parts go to
 * `onPart` as they are serialized (or are joined into the result without it); `deliver` receives the
 * result before the context is freed, so the answer does not wait for the
 * clean-up of everything the code allocated.
 */
async function execute(
  runtime: QuickJSRuntime,
  request: CodeRunRequest,
  logs: CodeLogEntry[],
  stackBytes = GUEST_STACK_BYTES,
  onPart?: (json: string) => void,
  deliver?: (result: CodeRunResult) => void,
  clock: Pick<Clock, 'now'> = systemClock,
  extras?: ExpressionSupport,
  codeExtras: CodeExtras = { n8n: false, intl: false },
  wait: TimerWait = realWait,
): Promise<CodeRunResult> {
  const { limits } = request;
  // Moved on by the time spent waiting on timers: the limit counts the time the code runs.
  let deadline = clock.now() + limits.timeoutMs;
  const waitMs = limits.waitMs ?? DEFAULT_CODE_LIMITS.waitMs;
  let waited = 0;
  let interrupted = false;
  runtime.setInterruptHandler(() => (interrupted ||= clock.now() > deadline));
  runtime.setMemoryLimit(limits.memoryMb * MiB);
  runtime.setMaxStackSize(stackBytes);
  const ctx = runtime.newContext();
  const handles: QuickJSHandle[] = [];
  const keep = (h: QuickJSHandle) => (handles.push(h), h);
  let logChars = 0;
  let parts = 0;
  const joined: string[] = [];
  let staticDataJson: string | undefined;
  const timeout = (): CodeRunResult => ({
    ok: false,
    logs,
    error: { code: 'CODE_TIMEOUT', message: `exceeded its ${limits.timeoutMs} ms limit` },
  });
  const body = async (): Promise<CodeRunResult> => {
    if (request.mode === 'expressions' && extras) {
      const result = runExpressions(ctx, request, extras, keep, (h) => guestFailure(ctx, h, interrupted, limits));
      return interrupted && !result.ok
        ? { ok: false, logs, error: { code: 'CODE_TIMEOUT', message: `exceeded its ${limits.timeoutMs} ms limit` } }
        : result;
    }
    const log = keep(
      ctx.newFunction('log', (levelHandle, textHandle) => {
        if (logs.length >= MAX_LOG_ENTRIES || ctx.typeof(textHandle) !== 'string' || ctx.typeof(levelHandle) !== 'string') return;
        const level = ctx.getString(levelHandle);
        let message = ctx.getString(textHandle);
        if (message.length > MAX_LOG_CHARS) message = `${message.slice(0, MAX_LOG_CHARS)}… (${message.length} characters)`;
        logChars += message.length;
        if (logChars > MAX_LOG_ENTRIES * MAX_LOG_CHARS) return;
        logs.push({ level: level === 'info' || level === 'warn' || level === 'error' ? level : 'log', message });
      }),
    );
    // Only the prelude's `finish` holds this function (a closure the user's code cannot reach).
    const emit = keep(
      ctx.newFunction('emit', (jsonHandle) => {
        if (ctx.typeof(jsonHandle) !== 'string') return;
        const json = ctx.getString(jsonHandle);
        parts++;
        if (onPart) onPart(json);
        else if (json.length > 2) joined.push(json.slice(1, -1));
      }),
    );
    // The prelude calls it when the code first uses btoa, atob or DOMException; most code never does.
    const loadBase64 = keep(ctx.newFunction('loadBase64', () => ctx.evalCode(GUEST_BASE64, 'flowloom:base64.js')));
    // n8n's wider bindings, require's libraries, Luxon and Intl, each only when the code names them.
    const prepared = codeRunArguments(ctx, request, codeExtras, keep, (json) => (staticDataJson = json));
    if ('error' in prepared) return { ok: false, logs, error: guestFailure(ctx, prepared.error, interrupted, limits) };
    const timers = usesTimers(request) ? installTimers(ctx, keep) : undefined;
    if (timers && 'error' in timers) return { ok: false, logs, error: guestFailure(ctx, timers.error, interrupted, limits) };
    const driverResult = ctx.evalCode(GUEST_PRELUDE, 'flowloom:prelude.js');
    if (driverResult.error) {
      const failure = guestFailure(ctx, keep(driverResult.error), interrupted, limits);
      return { ok: false, logs, error: failure };
    }
    const driver = keep(driverResult.value);
    const mainResult = ctx.evalCode(`${CODE_PREFIX}${request.code}\n})`, FILE);
    if (mainResult.error) {
      const failure = guestFailure(ctx, keep(mainResult.error), interrupted, limits);
      if (failure.code === 'CODE_ERROR') failure.code = 'CODE_SYNTAX';
      return { ok: false, logs, error: failure };
    }
    const main = keep(mainResult.value);
    const args = [
      main,
      keep(ctx.newString(request.dataJson)),
      keep(ctx.newString(request.mode)),
      keep(ctx.newNumber(Math.floor(limits.outputMb * MiB))),
      log,
      emit,
      loadBase64,
      ...prepared.args,
    ];
    const called = ctx.callFunction(driver, ctx.undefined, ...args);
    if (called.error) return { ok: false, logs, error: guestFailure(ctx, keep(called.error), interrupted, limits) };
    const promise = keep(called.value);
    for (;;) {
      const state = ctx.getPromiseState(promise);
      if (state.type === 'fulfilled') {
        const value = keep(state.value);
        if (ctx.typeof(value) !== 'string')
          return { ok: false, logs, error: { code: 'CODE_SANDBOX', message: 'the sandbox returned no text' } };
        const text = ctx.getString(value);
        if (text !== 'S') return decode(text, logs);
        return onPart ? { ok: true, outputJson: '', streamedParts: parts, logs } : { ok: true, outputJson: `[${joined.join(',')}]`, logs };
      }
      if (state.type === 'rejected') return { ok: false, logs, error: guestFailure(ctx, keep(state.error), interrupted, limits) };
      const jobs = runtime.executePendingJobs();
      if (jobs.error) return { ok: false, logs, error: guestFailure(ctx, keep(jobs.error), interrupted, limits) };
      if (interrupted || clock.now() > deadline) return timeout();
      if (jobs.value !== 0 || !isPending(ctx, promise)) continue;
      const next = timers ? nextTimer(ctx, timers) : -1;
      if (next < 0) {
        return {
          ok: false,
          logs,
          error: {
            code: 'CODE_ERROR',
            message: 'the code awaits something that never finishes (no timer is pending, and there is no I/O inside the Code node)',
          },
        };
      }
      if (waited + next > waitMs) {
        return {
          ok: false,
          logs,
          error: { code: 'CODE_TIMERS', message: `its timers would wait ${waited + next} ms, past its ${waitMs} ms limit for timers` },
        };
      }
      waited += next;
      const asleep = clock.now();
      await wait(next);
      deadline += clock.now() - asleep;
      const fired = ctx.callFunction(timers!.fire, ctx.undefined);
      if (fired.error) return { ok: false, logs, error: guestFailure(ctx, keep(fired.error), interrupted, limits) };
      fired.value.dispose();
      if (interrupted || clock.now() > deadline) return timeout();
    }
  };
  try {
    const ran = await body();
    const result: CodeRunResult = ran.ok && staticDataJson !== undefined ? { ...ran, staticDataJson } : ran;
    deliver?.(result);
    return result;
  } finally {
    for (const h of handles.reverse()) if (h.alive) h.dispose();
    ctx.dispose();
  }
}

function isPending(ctx: QuickJSContext, promise: QuickJSHandle): boolean {
  const state = ctx.getPromiseState(promise);
  if (state.type === 'fulfilled') state.value.dispose();
  else if (state.type === 'rejected') state.error.dispose();
  return state.type === 'pending';
}

/** Reads an error handle from the guest without running guest code: only own data properties that are strings. */
function guestFailure(
  ctx: QuickJSContext,
  handle: QuickJSHandle,
  interrupted: boolean,
  limits: { timeoutMs: number; memoryMb: number },
): CodeRunFailure {
  const read = (key: string): string => {
    try {
      if (ctx.typeof(handle) !== 'object') return key === 'message' && ctx.typeof(handle) === 'string' ? ctx.getString(handle) : '';
      const descriptorFree = ctx.getProp(handle, key);
      try {
        return ctx.typeof(descriptorFree) === 'string' ? ctx.getString(descriptorFree) : '';
      } finally {
        descriptorFree.dispose();
      }
    } catch {
      return '';
    }
  };
  if (interrupted) return { code: 'CODE_TIMEOUT', message: `exceeded its ${limits.timeoutMs} ms limit` };
  return classify(read('name'), read('message'), read('stack'), true);
}
