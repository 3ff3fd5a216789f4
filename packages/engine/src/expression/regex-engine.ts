import { ExpressionError } from './expression.error.js';
import { re2 } from './libraries.js';

type Compiled = ReturnType<ReturnType<typeof re2>['RE2JS']['compile']>;
const cache = new Map<string, Compiled>();
const CACHE_SIZE = 500;

/**
 * Compiles a JavaScript-syntax pattern on the linear-time engine (RE2), so no
 * pattern and input can make matching take exponential time. Backreferences
 * and lookaround do not exist there; using them is a clear syntax error.
 */
export function compileLinear(source: string, flags = ''): Compiled {
  const key = `${flags}/${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { RE2JS } = re2();
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  let compiled: Compiled;
  try {
    compiled = RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (error) {
    throw new ExpressionError(
      'EXPRESSION_SYNTAX',
      `The regular expression /${source}/ cannot be used: ${(error as Error).message}. Expressions run regular expressions on a linear-time engine, which has no backreferences (\\1) or lookaround ((?=, (?!, (?<=, (?<!).`,
      { cause: error },
    );
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}

/** A match in the shape `RegExp.prototype.exec` returns. */
interface ExecMatch extends Array<string | undefined> {
  index: number;
  input: string;
}

/**
 * Stands in for `RegExp` inside JSONata (its `RegexEngine` option): JSONata
 * builds one from each regex literal and calls `exec` with `lastIndex`.
 */
export class LinearRegExp {
  lastIndex = 0;
  readonly source: string;
  readonly flags: string;
  readonly #compiled: Compiled;

  constructor(pattern: RegExp | string, flags?: string) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source;
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    this.#compiled = compileLinear(this.source, this.flags);
  }

  exec(input: string): ExecMatch | null {
    const matcher = this.#compiled.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups = matcher.groupCount();
    const match = [] as unknown as ExecMatch;
    for (let g = 0; g <= groups; g++) match.push(matcher.group(g) ?? undefined);
    match.index = matcher.start();
    match.input = input;
    this.lastIndex = matcher.end();
    return match;
  }

  test(input: string): boolean {
    return this.exec(input) !== null;
  }
}

/** Replaces every match of a pattern on the linear-time engine. `replacement` may use `$1`. */
export function replaceLinear(input: string, source: string, replacement: string, flags = ''): string {
  return compileLinear(source, flags).matcher(input).replaceAll(replacement);
}

/** The first match of a pattern on the linear-time engine, or undefined. */
export function findLinear(input: string, source: string, flags = ''): string | undefined {
  const m = compileLinear(source, flags).matcher(input);
  return m.find(0) ? (m.group(0) ?? undefined) : undefined;
}
