/** Limits for one Code node run. */
export interface CodeLimits {
  /** Memory the user code may use, in MiB (default 64). */
  memoryMb: number;
  /** Wall-clock deadline for one activation, in milliseconds (default 5,000). */
  timeoutMs: number;
  /** Largest output, in MiB of JSON text (default 16). */
  outputMb: number;
  /**
   * Time the code may wait on its timers (`setTimeout`, `setInterval`) in one
   * activation, in milliseconds on the engine's clock (default 60,000). Time
   * spent waiting is not running time: `timeoutMs` counts only the latter.
   */
  waitMs: number;
}

/** The defaults, which are also the ceilings when the host sets none. */
export const DEFAULT_CODE_LIMITS: Readonly<CodeLimits> = Object.freeze({ memoryMb: 64, timeoutMs: 5_000, outputMb: 16, waitMs: 60_000 });

/** Timers a run may have pending at once (`setTimeout` past this many throws a RangeError). */
export const MAX_PENDING_TIMERS = 100;

/** Stack the guest may use in Node's workers: 256 KiB was measured clean there. */
export const GUEST_STACK_BYTES = 256 * 1024;

/** Stack the guest may use in a browser's Web Worker, whose native stack is smaller. */
export const BROWSER_STACK_BYTES = 128 * 1024;

/**
 * The limits for one run: what the node asks for, capped by the host's
 * ceiling. A node may lower a limit, never raise it past the ceiling.
 */
export function effectiveLimits(ceiling: Partial<CodeLimits> | undefined, requested: Partial<CodeLimits> | undefined): CodeLimits {
  const out = { ...DEFAULT_CODE_LIMITS };
  for (const key of Object.keys(out) as (keyof CodeLimits)[]) {
    const cap = positive(ceiling?.[key]) ?? DEFAULT_CODE_LIMITS[key];
    out[key] = Math.min(positive(requested?.[key]) ?? cap, cap);
  }
  return out;
}

function positive(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** `5 s`, `250 ms`: a duration as people read it. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(2)} s` : `${ms} ms`;
}
