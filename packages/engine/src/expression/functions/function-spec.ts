/** The groups functions are listed under in autocomplete and in the docs. */
export type FunctionCategory =
  'string' | 'number' | 'math' | 'array' | 'object' | 'date' | 'boolean' | 'type' | 'higher-order' | 'encoding' | 'utility';

/**
 * What the evaluator knows about one function: how it is called and what it
 * does, for autocomplete, hover docs and the reference page. `example` runs
 * as written and gives `result` (JSON text), which the test suite checks.
 */
export interface FunctionDoc {
  /** Name with its `$`, e.g. `$slugify`. */
  readonly name: string;
  /** Call shape with parameter names, `?` for optional ones, e.g. `$truncate(text, length, suffix?)`. */
  readonly signature: string;
  /** One sentence. */
  readonly description: string;
  readonly category: FunctionCategory;
  /** An expression that uses the function. */
  readonly example: string;
  /** What `example` evaluates to, as JSON text; absent when the result varies (random, current time). */
  readonly result?: string;
  /** Whether the function comes with JSONata itself (`true`) or with Flowloom's library. */
  readonly builtin: boolean;
}

/** What a library function's implementation can read about the evaluation it runs in. */
export interface FunctionRuntime {
  /** IANA time zone for dates without one (the workflow's, else UTC). */
  readonly zone: string;
  /** Current time of this evaluation, epoch milliseconds. */
  readonly now: number;
  /** The evaluation's source of random numbers in [0, 1) (the engine's `random`). */
  readonly random: () => number;
  /** Longest string a function may build. */
  readonly maxStringLength: number;
  /** Most elements an array built by a function may hold. */
  readonly maxSequence: number;
}

/** A library function: its documentation and its implementation. */
export interface LibraryFunction extends FunctionDoc {
  /** The implementation; arguments arrive as JSONata evaluated them. */
  readonly impl: (runtime: FunctionRuntime, ...args: unknown[]) => unknown;
  /** JSONata signature string (`<s-n:s>`), when argument checking and context binding are wanted. */
  readonly jsonataSignature?: string;
}

/** Builds a library function entry (typed helper for the tables). */
export function fn(
  name: string,
  signature: string,
  category: FunctionCategory,
  description: string,
  example: string,
  result: string | undefined,
  impl: LibraryFunction['impl'],
  jsonataSignature?: string,
): LibraryFunction {
  return {
    name,
    signature,
    category,
    description,
    example,
    ...(result !== undefined ? { result } : {}),
    builtin: false,
    impl,
    ...(jsonataSignature !== undefined ? { jsonataSignature } : {}),
  };
}
