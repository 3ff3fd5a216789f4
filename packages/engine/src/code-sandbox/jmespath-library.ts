import type { QuickJSContext } from 'quickjs-emscripten-core';

let source: Promise<string> | undefined;

/**
 * jmespath's source text (`guest-jmespath.ts`), imported the first time a run
 * names `$jmespath` and kept for the worker's life; a failed import is retried
 * on the next run.
 */
export function loadJmespathSource(): Promise<string> {
  const pending = (source ??= import('./guest-jmespath.js').then((m) => m.GUEST_JMESPATH));
  pending.catch(() => {
    if (source === pending) source = undefined;
  });
  return pending;
}

/**
 * Evaluates jmespath in the guest: the result holds its exports (`search`...)
 * or what evaluating it threw. Its source fills the `exports` given it, so it
 * defines no global; the caller returns the result from a host function the
 * guest calls on its first `$jmespath()`.
 */
export function evaluateJmespath(ctx: QuickJSContext, jmespath: string) {
  return ctx.evalCode(`(function () {\nvar exports = {};\n${jmespath}\nreturn exports;\n})()`, 'flowloom:jmespath.js');
}

/**
 * Installs `$jmespath(data, expression)` on the guest's global object: it
 * loads jmespath with `load()` (a host function answering with
 * `evaluateJmespath`) on its first call, then searches `data` with it, as
 * n8n's `$jmespath` does.
 */
export const GUEST_JMESPATH_INSTALL = String.raw`(function (load) {
  'use strict';
  var jmespath;
  globalThis.$jmespath = function $jmespath(data, expression) {
    if (!jmespath) jmespath = load();
    return jmespath.search(data, expression);
  };
})`;
