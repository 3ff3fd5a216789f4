import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { GUEST_BASE64 } from './guest-base64.js';
import { GUEST_INTL } from './guest-intl.js';
import { GUEST_N8N } from './guest-n8n.js';
import { GUEST_N8N_EXTENSIONS } from './guest-n8n-extensions.js';
import { createGuestHost, loadHashModules, type HashModules } from './intl-bridge.js';
import { evaluateJmespath, loadJmespathSource } from './jmespath-library.js';
import type { CodeRunFailure, CodeRunRequest, CodeRunResult } from './protocol.js';

/**
 * What an expression run needs besides QuickJS: Luxon's and jmespath's
 * source and the hash functions, loaded once per worker (the guest compiles
 * Luxon and jmespath only when an expression first uses them).
 */
export interface ExpressionSupport {
  readonly luxon: string;
  readonly jmespath: string;
  readonly hashes: HashModules;
}

let support: Promise<ExpressionSupport> | undefined;

/** Loads Luxon's and jmespath's source text and the hash functions (once per worker; a failure is retried on the next run). */
export function loadExpressionSupport(): Promise<ExpressionSupport> {
  const pending = (support ??= Promise.all([import('./guest-luxon.js'), loadJmespathSource(), loadHashModules()]).then(
    ([{ GUEST_LUXON }, jmespath, hashes]) => ({ luxon: GUEST_LUXON, jmespath, hashes }),
  ));
  pending.catch(() => {
    if (support === pending) support = undefined;
  });
  return pending;
}

const MiB = 1024 * 1024;

/**
 * Runs one `expressions` request in a fresh context: the n8n globals, the
 * extension functions, `Intl` answered by the host, Luxon compiled the first
 * time an expression reads a date, jmespath the first time one calls
 * `$jmespath()`. `keep` registers handles to free;
 * `failure` reads an error handle the guest threw.
 */
export function runExpressions(
  ctx: QuickJSContext,
  request: CodeRunRequest,
  extras: ExpressionSupport,
  keep: (h: QuickJSHandle) => QuickJSHandle,
  failure: (h: QuickJSHandle) => CodeRunFailure,
): CodeRunResult {
  const logs: CodeRunResult['logs'] = [];
  const bridge = createGuestHost(extras.hashes);
  let base64: QuickJSHandle | undefined;
  const host = keep(
    ctx.newFunction('host', (opHandle, keyHandle, valueHandle) => {
      const op = ctx.typeof(opHandle) === 'string' ? ctx.getString(opHandle) : '';
      const key = ctx.typeof(keyHandle) === 'string' ? ctx.getString(keyHandle) : '';
      const value =
        ctx.typeof(valueHandle) === 'number'
          ? ctx.getNumber(valueHandle)
          : ctx.typeof(valueHandle) === 'string'
            ? ctx.getString(valueHandle)
            : 0;
      if (op === 'luxon') {
        const loaded = ctx.evalCode(extras.luxon, 'flowloom:luxon.js');
        if (loaded.error) {
          loaded.error.dispose();
          return ctx.newString('ELuxon could not be loaded');
        }
        loaded.value.dispose();
        return ctx.newString('R');
      }
      // jmespath's exports, for the first $jmespath() call.
      if (op === 'jmespath') return evaluateJmespath(ctx, extras.jmespath);
      return ctx.newString(bridge(op, key, value));
    }),
  );
  // btoa and atob for base64Encode() and base64Decode(), compiled only when called.
  const g = keep(ctx.global);
  for (const name of ['btoa', 'atob']) {
    const stub = keep(
      ctx.newFunction(name, (...args) => {
        if (!base64) {
          const made = ctx.evalCode(
            `(${GUEST_BASE64})(function DOMException(m, n) { var e = new Error(m); e.name = n; return e; })`,
            'flowloom:base64.js',
          );
          if (made.error) return { error: made.error };
          base64 = keep(made.value);
        }
        const fn = keep(ctx.getProp(base64, name));
        const out = ctx.callFunction(fn, ctx.undefined, ...args);
        return out.error ? { error: out.error } : out.value;
      }),
    );
    ctx.setProp(g, name, stub);
  }
  const load = (source: string, file: string): QuickJSHandle | CodeRunFailure => {
    const result = ctx.evalCode(source, file);
    if (result.error) return failure(keep(result.error));
    return keep(result.value);
  };
  const intl = load(GUEST_INTL, 'flowloom:intl.js');
  if (!('alive' in intl)) return { ok: false, logs, error: intl };
  const extensions = load(GUEST_N8N_EXTENSIONS, 'flowloom:n8n-extensions.js');
  if (!('alive' in extensions)) return { ok: false, logs, error: extensions };
  const driver = load(GUEST_N8N, 'flowloom:n8n.js');
  if (!('alive' in driver)) return { ok: false, logs, error: driver };
  const called = ctx.callFunction(
    driver,
    ctx.undefined,
    keep(ctx.newString(request.code)),
    keep(ctx.newString(request.dataJson)),
    keep(ctx.newNumber(Math.floor(request.limits.outputMb * MiB))),
    host,
    intl,
    extensions,
  );
  if (called.error) return { ok: false, logs, error: failure(keep(called.error)) };
  const value = keep(called.value);
  if (ctx.typeof(value) !== 'string') return { ok: false, logs, error: { code: 'CODE_SANDBOX', message: 'the sandbox returned no text' } };
  const text = ctx.getString(value);
  if (text[0] === 'R') return { ok: true, outputJson: text.slice(1), logs };
  if (text[0] === 'L')
    return {
      ok: false,
      logs,
      error: { code: 'CODE_OUTPUT_TOO_LARGE', message: `${(Number(text.slice(1)) / MiB).toFixed(1)} MiB of JSON` },
    };
  return { ok: false, logs, error: { code: 'CODE_SANDBOX', message: text.slice(1) } };
}
