import type { Jsonata } from '../libraries.js';
import type { NativeFunction, Signature } from './apply.js';
import { ExpressionError } from '../expression.error.js';
import type { AstNode, CompilerOptions } from './ast.js';
import type { Focus } from './context.js';
import { EvaluationFault } from './evaluation-fault.error.js';
import { native, syncBuiltins } from './natives.js';
import { compileCode } from './program.js';
import { sequence, type Sequence } from './values.js';

const BUDGET_CODES = new Set(['D1011', 'D1012', 'U1001', 'D2014', 'D2015']);

function isBudgetFault(error: unknown): boolean {
  if (error instanceof ExpressionError) return error.code === 'EXPRESSION_BUDGET';
  return BUDGET_CODES.has(String((error as { code?: unknown }).code));
}

/** JSONata's built-in functions, by name without `$` ($now and $millis are per evaluation and made below). */
const BUILTIN_NAMES = [
  'sum', 'count', 'max', 'min', 'average', 'string', 'substring', 'substringBefore', 'substringAfter', 'lowercase',
  'uppercase', 'length', 'trim', 'pad', 'match', 'contains', 'replace', 'split', 'join', 'formatNumber', 'formatBase',
  'formatInteger', 'parseInteger', 'number', 'floor', 'ceil', 'round', 'abs', 'sqrt', 'power', 'random', 'boolean', 'not',
  'map', 'zip', 'filter', 'single', 'reduce', 'sift', 'keys', 'lookup', 'append', 'exists', 'spread', 'merge', 'reverse',
  'each', 'error', 'assert', 'type', 'sort', 'shuffle', 'distinct', 'base64encode', 'base64decode', 'encodeUrlComponent',
  'encodeUrl', 'decodeUrlComponent', 'decodeUrl', 'toMillis', 'fromMillis', 'clone',
]; // prettier-ignore

/** What the compiler takes from JSONata once it is loaded. */
export interface JsonataParts {
  /** JSONata's built-ins, synchronous, by name without `$`. */
  readonly builtins: ReadonlyMap<string, unknown>;
  readonly compilerOptions: CompilerOptions;
  /** `$now(picture?, zone?)` and `$millis()` over the evaluation's time. */
  readonly clockFunctions: ReadonlyMap<string, unknown>;
  /** `$eval(text, context?)`, compiling the text on the spot (for hosts that allow it). */
  readonly evalFunction: unknown;
}

/** Reads JSONata's function objects and signatures (they are not exported, but an expression hands them out). */
export async function loadJsonataParts(jsonata: Jsonata): Promise<JsonataParts> {
  const table = (await jsonata(`{${BUILTIN_NAMES.map((n) => `"${n}": $${n}`).join(', ')}}`).evaluate(null)) as Record<string, unknown>;
  const originals = new Map<string, unknown>(BUILTIN_NAMES.map((n) => [n, table[n]]));
  const builtins = syncBuiltins(originals);
  const signatureOf = (text: string) => (jsonata(`function($a)${text}{$a}`).ast() as unknown as { signature: Signature }).signature;
  const stringImpl = (originals.get('string') as NativeFunction).implementation;
  const fromMillis = (originals.get('fromMillis') as NativeFunction).implementation;
  const timeOf = (focus: Focus) => focus.ctx.now;
  const clockFunctions = new Map<string, unknown>([
    [
      'now',
      native(
        function (this: Focus, picture: unknown, zone: unknown) {
          return fromMillis.call(this, timeOf(this), picture, zone);
        } as (...args: unknown[]) => unknown,
        signatureOf('<s?s?:s>'),
      ),
    ],
    [
      'millis',
      native(
        function (this: Focus) {
          return timeOf(this);
        } as (...args: unknown[]) => unknown,
        signatureOf('<:n>'),
      ),
    ],
  ]);
  const compilerOptions: CompilerOptions = {
    stringify: (value) => stringImpl(value) as string | undefined,
    transformSignature: signatureOf('<(oa):o>'),
  };
  const evalFunction = native(
    function (this: Focus, text: unknown, context: unknown) {
      if (text === undefined) return undefined;
      let input = this.input;
      if (context !== undefined) {
        input = context;
        if (Array.isArray(input) && !(input as Sequence).sequence) {
          const wrapped = sequence(input);
          wrapped.outerWrapper = true;
          input = wrapped;
        }
      }
      let code;
      try {
        code = compileCode(jsonata(String(text)).ast() as unknown as AstNode, compilerOptions);
      } catch (error) {
        throw new EvaluationFault('D3120', { value: (error as { message?: unknown }).message });
      }
      const frame = this.frame ?? this.ctx.top;
      try {
        return code(input, frame);
      } catch (error) {
        if (isBudgetFault(error)) throw error;
        throw new EvaluationFault('D3121', { value: (error as { message?: unknown }).message });
      }
    } as (...args: unknown[]) => unknown,
    signatureOf('<sx?:x>'),
  );
  return { builtins, clockFunctions, compilerOptions, evalFunction };
}
