import { NOT_FAST, compileFastReference, parseFastReference, type FastReader } from './fast-path.js';

const NUMBER = /^(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const OPERATORS = '+-*/%';

type Operand = FastReader | number;

/** The one top-level arithmetic operator of an expression and its position, or undefined. */
function splitOnOperator(s: string): { at: number; op: string } | undefined {
  let found: { at: number; op: string } | undefined;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && OPERATORS.includes(ch) && i > 0) {
      if (found) return undefined; // several operators: precedence is JSONata's business
      found = { at: i, op: ch };
    }
  }
  return found;
}

function operand(source: string): Operand | undefined {
  const s = source.trim();
  if (NUMBER.test(s)) return Number(s);
  const ref = parseFastReference(s);
  return ref ? compileFastReference(ref) : undefined;
}

/**
 * Recognises one arithmetic operation between data references and number
 * literals (`$json.price * 1.2`, `$json.a + $json.b`) and compiles a reader
 * that gives exactly JSONata's result: undefined when an operand is missing,
 * the number otherwise. Anything JSONata would treat specially (an operand
 * that is not a number, a result out of range, an array mid-path) returns
 * NOT_FAST so JSONata evaluates it and reports its own error.
 */
export function compileFastArithmetic(source: string): FastReader | undefined {
  const s = source.trim();
  const split = splitOnOperator(s);
  if (!split) return undefined;
  const left = operand(s.slice(0, split.at));
  const right = operand(s.slice(split.at + 1));
  if (left === undefined || right === undefined) return undefined;
  if (typeof left === 'number' && typeof right === 'number') return undefined; // constant folding is not worth a path
  const read = (o: Operand, scope: Parameters<FastReader>[0]) => (typeof o === 'number' ? o : o(scope));
  const apply = OPS[split.op as keyof typeof OPS];
  return (scope) => {
    const a = read(left, scope);
    const b = read(right, scope);
    if (a === NOT_FAST || b === NOT_FAST) return NOT_FAST;
    if (a === undefined || b === undefined) return undefined;
    if (typeof a !== 'number' || typeof b !== 'number') return NOT_FAST;
    const result = apply(a, b);
    return Number.isFinite(result) ? result : NOT_FAST;
  };
}

const OPS = {
  '+': (a: number, b: number) => a + b,
  '-': (a: number, b: number) => a - b,
  '*': (a: number, b: number) => a * b,
  '/': (a: number, b: number) => a / b,
  '%': (a: number, b: number) => a % b,
};
