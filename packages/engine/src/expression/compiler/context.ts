import { systemClock } from '../../ports/clock.js';
import { EvaluationFault } from './evaluation-fault.error.js';
import { sequence, type Sequence } from './values.js';

/** What a native function sees as `this`, as JSONata passes it: the input, a variable lookup, the options. */
export interface Focus {
  input: unknown;
  frame: Frame | undefined;
  readonly environment: { lookup(name: string): unknown; readonly timestamp: Date };
  readonly options: { sequence: number };
  /** The evaluation this focus belongs to. */
  readonly ctx: EvaluationContext;
  createSequence(...values: unknown[]): Sequence;
}

/** Answers a variable no frame binds, from the host's data for this evaluation; UNBOUND when it has none. */
export type HostLookup = (name: string, data: unknown) => unknown;

/** What a HostLookup gives for a name it does not bind. */
export const UNBOUND: unique symbol = Symbol('unbound');

/** Budgets and the functions of every evaluation of a program. */
export interface RunSettings {
  timeoutMs: number;
  maxDepth: number;
  maxSequence: number;
  maxStringLength: number;
  maxValueSize: number;
  /** Code of the fault thrown past `maxDepth` (default `D1011`; a test harness may want another). */
  depthCode?: string;
  /** Code of the fault thrown past `timeoutMs` (default `D1012`). */
  timeoutCode?: string;
  /** Functions visible when no binding shadows them. */
  functions: Readonly<Record<string, unknown>>;
  /** Variables given by the host (`$json`...), computed when first read. */
  hostLookup?: HostLookup;
}

/**
 * Per-evaluation state shared by every frame: budgets and their counters.
 * It is also the `this` native functions see (JSONata's focus). A program
 * keeps one and resets it for each evaluation.
 */
export class EvaluationContext implements Focus {
  readonly timeoutMs: number;
  readonly maxDepth: number;
  readonly maxSequence: number;
  readonly maxStringLength: number;
  readonly maxValueSize: number;
  readonly depthCode: string;
  readonly timeoutCode: string;
  readonly functions: Readonly<Record<string, unknown>>;
  readonly hostLookup: HostLookup | undefined;
  /** The evaluation's current time, epoch milliseconds (`$now()`, `$millis()`). */
  now = 0;
  /** The host's data for `hostLookup`. */
  hostData: unknown = undefined;
  /** Variables given as an object (`bindings`), when so given. */
  bindings: Record<string, unknown> | undefined = undefined;
  /** `$$`: the input of the evaluation. */
  root: unknown = undefined;
  /** Evaluation depth of the call being run, counted as JSONata counts nested evaluations. */
  depth = 0;
  steps = 0;
  deadline = 0;
  input: unknown = undefined;
  frame: Frame | undefined = undefined;
  /** The frame of the whole expression. */
  readonly top: Frame;

  constructor(settings: RunSettings) {
    this.timeoutMs = settings.timeoutMs;
    this.maxDepth = settings.maxDepth;
    this.maxSequence = settings.maxSequence;
    this.maxStringLength = settings.maxStringLength;
    this.maxValueSize = settings.maxValueSize;
    this.depthCode = settings.depthCode ?? 'D1011';
    this.timeoutCode = settings.timeoutCode ?? 'D1012';
    this.functions = settings.functions;
    this.hostLookup = settings.hostLookup;
    this.top = new Frame(undefined, this);
  }

  /** Makes the context ready for a new evaluation. */
  reset(root: unknown, now: number, hostData: unknown, bindings: Record<string, unknown> | undefined): void {
    this.root = root;
    this.now = now;
    this.hostData = hostData;
    this.bindings = bindings;
    this.depth = 0;
    this.steps = 0;
    this.deadline = 0;
    this.input = undefined;
    this.frame = undefined;
    this.top.vars = undefined;
  }

  get ctx(): EvaluationContext {
    return this;
  }

  get focus(): Focus {
    return this;
  }

  get environment(): { lookup(name: string): unknown; readonly timestamp: Date } {
    return this;
  }

  get options(): { sequence: number } {
    return { sequence: this.maxSequence };
  }

  /** JSONata's date parsing reads the evaluation's time here. */
  get timestamp(): Date {
    return new Date(this.now);
  }

  /** A variable as seen from the frame of the native call being made. */
  lookup(name: string): unknown {
    return this.frame ? lookup(this.frame, name) : lookupGlobal(this, name);
  }

  createSequence(...values: unknown[]): Sequence {
    return sequence(...values);
  }
}

/** A scope of variables: blocks, lambda calls and tuple steps open one. */
export class Frame {
  /** The variables bound here; made on the first binding. */
  vars: Record<string, unknown> | undefined = undefined;
  constructor(
    readonly parent: Frame | undefined,
    readonly ctx: EvaluationContext,
  ) {}
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A variable: the innermost frame that binds it, then the evaluation's bindings, then the functions. */
export function lookup(frame: Frame, name: string): unknown {
  for (let f: Frame | undefined = frame; f !== undefined; f = f.parent) {
    const vars = f.vars;
    if (vars !== undefined && name in vars) return vars[name];
  }
  return lookupGlobal(frame.ctx, name);
}

/** Binds a variable in a frame. */
export function bind(frame: Frame, name: string, value: unknown): void {
  (frame.vars ??= Object.create(null) as Record<string, unknown>)[name] = value;
}

/** A variable no frame of the expression binds: `$$`, then the host's variables, then the functions. */
export function lookupGlobal(ctx: EvaluationContext, name: string): unknown {
  if (name === '$') return ctx.root;
  const bindings = ctx.bindings;
  if (bindings !== undefined && hasOwn.call(bindings, name)) return bindings[name];
  if (ctx.hostLookup !== undefined) {
    const value = ctx.hostLookup(name, ctx.hostData);
    if (value !== UNBOUND) return value;
  }
  return hasOwn.call(ctx.functions, name) ? ctx.functions[name] : undefined;
}

/** A frame binding every key of a tuple (`@` and the named variables). */
export function tupleFrame(env: Frame, tuple: Record<string, unknown>): Frame {
  const frame = new Frame(env, env.ctx);
  const vars = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(tuple)) vars[key] = tuple[key];
  frame.vars = vars;
  return frame;
}

const CHECK_EVERY = 256;

/** Counts one step of a loop or call; every few hundred, checks the clock against the time budget. */
export function tick(ctx: EvaluationContext): void {
  if (++ctx.steps < CHECK_EVERY) return;
  ctx.steps = 0;
  const now = systemClock.now();
  if (ctx.deadline === 0) ctx.deadline = now + ctx.timeoutMs;
  else if (ctx.timeoutMs > 0 && now > ctx.deadline) throw new EvaluationFault(ctx.timeoutCode, { value: ctx.timeoutMs });
}

/** Counts `n` steps at once (a loop's worth), checking the clock as `tick` does. */
export function tickBy(ctx: EvaluationContext, n: number): void {
  ctx.steps += n - 1;
  tick(ctx);
}

/** Throws when a sequence grows past the sequence budget. */
export function checkLength(ctx: EvaluationContext, length: number): void {
  if (length > ctx.maxSequence) throw new EvaluationFault('D2015', { value: ctx.maxSequence });
}
