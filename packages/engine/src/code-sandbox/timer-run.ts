import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { systemClock } from '../ports/clock.js';
import { MAX_PENDING_TIMERS } from './code-limits.js';
import { GUEST_TIMERS, TIMER_NAMES } from './guest-timers.js';
import type { CodeRunRequest } from './protocol.js';

/**
 * How a run's timers wait: resolves when `ms` have passed on the engine's
 * clock (the worker asks its host, see `serveSandbox`). Without one, a run
 * waits in real time on the worker's own timers.
 */
export type TimerWait = (ms: number) => Promise<void>;

/** Waits in real time, in the worker: for a runner used without a host that answers `wait`. */
export const realWait: TimerWait = (ms) => new Promise((resolve) => systemClock.setTimer(ms, resolve));

/** Whether a Code run installs the timers: its code, or a library it requires, names one. */
export function usesTimers(request: CodeRunRequest): boolean {
  if (request.mode === 'expressions') return false;
  return TIMER_NAMES.test(request.code) || Object.values(request.libraries?.sources ?? {}).some((source) => TIMER_NAMES.test(source));
}

/** Installs `GUEST_TIMERS`; returns the runner's two functions, or the handle of what failed. */
export function installTimers(
  ctx: QuickJSContext,
  keep: (h: QuickJSHandle) => QuickJSHandle,
): { next: QuickJSHandle; fire: QuickJSHandle } | { error: QuickJSHandle } {
  const install = ctx.evalCode(GUEST_TIMERS, 'flowloom:timers.js');
  if (install.error) return { error: keep(install.error) };
  const installed = ctx.callFunction(keep(install.value), ctx.undefined, ctx.global, keep(ctx.newNumber(MAX_PENDING_TIMERS)));
  if (installed.error) return { error: keep(installed.error) };
  const api = keep(installed.value);
  return { next: keep(ctx.getProp(api, 'next')), fire: keep(ctx.getProp(api, 'fire')) };
}

/** Milliseconds until the run's earliest timer, or -1 when none is pending. */
export function nextTimer(ctx: QuickJSContext, timers: { next: QuickJSHandle }): number {
  const result = ctx.callFunction(timers.next, ctx.undefined);
  if (result.error) {
    result.error.dispose();
    return -1;
  }
  const value = ctx.typeof(result.value) === 'number' ? ctx.getNumber(result.value) : -1;
  result.value.dispose();
  return value;
}
