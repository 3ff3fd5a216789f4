import { checkValue } from '../budgets.js';
import type { Code } from './apply.js';
import type { AstNode, CompileState } from './ast.js';
import { collapsed } from './code-marks.js';
import { compileGroup } from './compile-structures.js';
import { checkLength, type EvaluationContext, type Frame } from './context.js';
import { EvaluationFault, toFault } from './evaluation-fault.error.js';
import { isPlainName, keyOf, needsGuard } from './fields.js';

const objectPrototype = Object.prototype;
import { UnsupportedConstruct } from './unsupported.error.js';
import { deepEqual, isNumeric, markCons, truthy, type Sequence } from './values.js';

// ---- operators ------------------------------------------------------------

function numericOperand(value: unknown, code: 'T2001' | 'T2002', op: string, position: number | undefined): void {
  if (value !== undefined && !isNumeric(value)) throw new EvaluationFault(code, { value, token: op, position });
}

export function compileBinary(node: AstNode, d: number, st: CompileState): Code {
  const code = compileOperator(node, d, st);
  // Only a range gives a sequence.
  return node.value === '..' ? code : collapsed(code);
}

function compileOperator(node: AstNode, d: number, st: CompileState): Code {
  const op = String(node.value);
  const lhs = st.compile(node.lhs as AstNode, d + 1, st);
  const rhs = st.compile(node.rhs!, d + 1, st);
  const position = node.position;
  const wrap = (fn: (l: unknown, r: unknown, env: Frame) => unknown): Code => {
    return (input, env) => {
      const l = lhs(input, env);
      const r = rhs(input, env);
      try {
        return fn(l, r, env);
      } catch (error) {
        throw toFault(error, position, op);
      }
    };
  };
  switch (op) {
    case 'and':
      return (input, env) => truthy(lhs(input, env)) && truthy(rhs(input, env));
    case 'or':
      return (input, env) => truthy(lhs(input, env)) || truthy(rhs(input, env));
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      const general: Code = (input, env) => {
        const l = lhs(input, env);
        const r = rhs(input, env);
        if (typeof l === 'number' && typeof r === 'number' && Number.isFinite(l) && Number.isFinite(r)) return arithmetic(op, l, r);
        numericOperand(l, 'T2001', op, position);
        numericOperand(r, 'T2002', op, position);
        if (l === undefined || r === undefined) return undefined;
        return arithmetic(op, l as number, r as number);
      };
      return directArithmetic(op, operandOf(node.lhs as AstNode), operandOf(node.rhs!), general) ?? general;
    }
    case '=':
      return (input, env) => {
        const l = lhs(input, env);
        const r = rhs(input, env);
        return l !== undefined && r !== undefined && deepEqual(l, r);
      };
    case '!=':
      return (input, env) => {
        const l = lhs(input, env);
        const r = rhs(input, env);
        return l !== undefined && r !== undefined && !deepEqual(l, r);
      };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return wrap((l, r) => compare(op, l, r));
    case '&':
      return wrap((l, r, env) => {
        const ctx = env.ctx;
        const ls = l === undefined ? '' : typeof l === 'string' ? l : stringOf(st, l, ctx);
        const rs = r === undefined ? '' : typeof r === 'string' ? r : stringOf(st, r, ctx);
        if (ls.length + rs.length > ctx.maxStringLength) checkValue(ls + rs, ctx);
        return ls + rs;
      });
    case '..':
      return wrap((l, r, env) => range(l, r, env.ctx));
    case 'in':
      return (input, env) => {
        const l = lhs(input, env);
        const r = rhs(input, env);
        if (l === undefined || r === undefined) return false;
        const list = Array.isArray(r) ? r : [r];
        for (const v of list) if (v === l) return true;
        return false;
      };
    default:
      throw new UnsupportedConstruct(`the operator '${op}'`);
  }
}

/** An operand read without the general machinery: a number literal, or a field of the context object. */
type Operand = { readonly value: number } | { readonly field: string };

function operandOf(node: AstNode): Operand | undefined {
  if (node.predicate || node.group || node.keepArray) return undefined;
  if (node.type === 'number') return { value: node.value as number };
  const step = node.type === 'path' && node.steps?.length === 1 && !node.keepSingletonArray ? node.steps[0]! : node;
  if (!isPlainName(step)) return undefined;
  const field = String(step.value);
  return needsGuard(field) ? undefined : { field: keyOf(field) };
}

/**
 * `price * qty` over fields of the context object and numbers, computed
 * inline when both are finite numbers (each field read in its own place, so
 * the engine's inline caches stay specific); anything else goes to `general`.
 */
function directArithmetic(op: string, lhs: Operand | undefined, rhs: Operand | undefined, general: Code): Code | undefined {
  if (!lhs || !rhs || !['+', '-', '*', '/'].includes(op)) return undefined;
  const lf = 'field' in lhs ? lhs.field : undefined;
  const rf = 'field' in rhs ? rhs.field : undefined;
  const lv = 'value' in lhs ? lhs.value : 0;
  const rv = 'value' in rhs ? rhs.value : 0;
  return (input, env) => {
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
      const l = lf === undefined ? lv : (input as Record<string, unknown>)[lf];
      const r = rf === undefined ? rv : (input as Record<string, unknown>)[rf];
      // x - x === 0 holds for finite numbers only. The prototype is checked after the reads, where the
      // engine knows the object's shape and can answer it without a call: only plain data gives fields this way.
      if (typeof l === 'number' && typeof r === 'number' && l - l === 0 && r - r === 0) {
        const proto: unknown = Object.getPrototypeOf(input);
        if (proto === objectPrototype || proto === null) {
          return op === '*' ? l * r : op === '+' ? l + r : op === '-' ? l - r : l / r;
        }
      }
    }
    return general(input, env);
  };
}

function stringOf(st: CompileState, value: unknown, ctx: EvaluationContext): string {
  if (typeof value === 'object' && value !== null) checkValue(value, ctx);
  return st.options.stringify(value) ?? '';
}

function arithmetic(op: string, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    default:
      return l % r;
  }
}

function compare(op: string, l: unknown, r: unknown): unknown {
  const lt = typeof l;
  const rt = typeof r;
  const lok = lt === 'undefined' || lt === 'string' || lt === 'number';
  const rok = rt === 'undefined' || rt === 'string' || rt === 'number';
  if (!lok || !rok) throw new EvaluationFault('T2010', { value: !(lt === 'string' || lt === 'number') ? l : r });
  if (lt === 'undefined' || rt === 'undefined') return undefined;
  if (lt !== rt) throw new EvaluationFault('T2009', { value: l, value2: r });
  const a = l as number;
  const b = r as number;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function range(l: unknown, r: unknown, ctx: EvaluationContext): unknown {
  if (l !== undefined && !Number.isInteger(l)) throw new EvaluationFault('T2003', { value: l });
  if (r !== undefined && !Number.isInteger(r)) throw new EvaluationFault('T2004', { value: r });
  if (l === undefined || r === undefined) return undefined;
  const from = l as number;
  const to = r as number;
  if (from > to) return undefined;
  const size = to - from + 1;
  if (size > 1e7) throw new EvaluationFault('D2014', { value: size });
  if (size > ctx.maxSequence) throw new EvaluationFault('D2015', { value: size });
  const out = new Array<unknown>(size) as Sequence;
  for (let i = 0; i < size; i++) out[i] = from + i;
  out.sequence = true;
  return out;
}

export function compileUnary(node: AstNode, d: number, st: CompileState): Code {
  switch (node.value) {
    case '-': {
      const expr = st.compile(node.expression!, d + 1, st);
      const position = node.position;
      return (input, env) => {
        const v = expr(input, env);
        if (v === undefined) return undefined;
        if (isNumeric(v)) return -v;
        throw new EvaluationFault('D1002', { position, token: '-', value: v });
      };
    }
    case '[': {
      const items = node.expressions!.map((e) => ({ code: st.compile(e, d + 1, st), nested: e.value === '[' && e.type === 'unary' }));
      const cons = node.consarray === true;
      return (input, env) => {
        const out: unknown[] = [];
        for (const item of items) {
          const v = item.code(input, env);
          if (v === undefined) continue;
          if (item.nested || !Array.isArray(v)) out.push(v);
          else for (let j = 0; j < v.length; j++) out.push(v[j]);
        }
        checkLength(env.ctx, out.length);
        if (out.length > 1) checkValue(out, env.ctx);
        return cons ? markCons(out) : out;
      };
    }
    case '{':
      return compileGroup({ lhs: node.lhs as [AstNode, AstNode][], position: node.position }, d, st);
    default:
      throw new UnsupportedConstruct(`the unary operator '${String(node.value)}'`);
  }
}
