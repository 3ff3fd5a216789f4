import type { Code } from './apply.js';
import type { AstNode, CompileState } from './ast.js';
import { collapsed, isCollapsed } from './code-marks.js';
import { compileApply, compileCall, compileLambda, compilePartial, compileTransform } from './compile-functions.js';
import { compileBinary, compileUnary } from './compile-operators.js';
import { compilePath, descendants, wildcard } from './compile-paths.js';
import { compileGroup, filterSpec, filterValues } from './compile-structures.js';
import { Frame, bind, lookup, lookupGlobal } from './context.js';
import { EvaluationFault } from './evaluation-fault.error.js';
import { keyOf } from './fields.js';
import { regexMatcher } from './natives.js';
import { UnsupportedConstruct } from './unsupported.error.js';
import { collapse, collapseKeep, lookupField, toBoolean, type Sequence } from './values.js';

/** Compiles a node with JSONata's treatment of every result: predicates, grouping, sequences. */
export function compileNode(node: AstNode, d: number, st: CompileState): Code {
  let code = compileBare(node, d, st);
  if (node.predicate) {
    for (const p of node.predicate) {
      const spec = filterSpec(p.expr, d + 1, st);
      const prev = code;
      code = (input, env) => filterValues(spec, prev(input, env), env);
    }
  }
  if (node.type !== 'path' && node.group) {
    const group = compileGroup(node.group, d + 1, st);
    const prev = code;
    code = (input, env) => group(prev(input, env), env);
  }
  const inner = code;
  const decorated = node.predicate !== undefined || node.group !== undefined;
  if (node.keepArray) code = (input, env) => collapseKeep(inner(input, env));
  else if (decorated || !(PLAIN.has(node.type) || isCollapsed(inner))) code = (input, env) => collapse(inner(input, env));
  if (st.inLambda) {
    const checked = code;
    code = (input, env) => {
      const ctx = env.ctx;
      if (ctx.depth + d > ctx.maxDepth) throw new EvaluationFault(ctx.depthCode, { value: ctx.maxDepth });
      return checked(input, env);
    };
  }
  return code;
}

/** Node types whose value is never a sequence. */
const PLAIN = new Set(['string', 'number', 'value', 'lambda', 'regex', 'transform', 'unary', 'parent']);

function compileBare(node: AstNode, d: number, st: CompileState): Code {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value': {
      const value = node.value;
      return () => value;
    }
    case 'name': {
      const name = keyOf(String(node.value));
      if (node.keepArray) return (input) => lookupField(input, name);
      return collapsed((input) => (Array.isArray(input) ? collapse(lookupField(input, name)) : lookupField(input, name)));
    }
    case 'variable':
      return compileVariable(String(node.value), st);
    case 'path':
      return compilePath(node, d, st);
    case 'binary':
      return compileBinary(node, d, st);
    case 'unary':
      return compileUnary(node, d, st);
    case 'wildcard':
      return wildcard;
    case 'descendant':
      return descendants;
    case 'parent': {
      const label = node.slot!.label;
      return (_input, env) => lookup(env, label);
    }
    case 'condition':
      return compileCondition(node, d, st);
    case 'block':
      return compileBlock(node, d, st);
    case 'bind': {
      const name = String((node.lhs as AstNode).value);
      const rhs = compileNode(node.rhs!, d + 1, st);
      return (input, env) => {
        const value = rhs(input, env);
        bind(env, name, value);
        return value;
      };
    }
    case 'regex': {
      const pattern = node.value as RegExp;
      const position = node.position;
      return () => regexMatcher(pattern, position);
    }
    case 'function':
      return compileCall(node, d, st, undefined);
    case 'partial':
      return compilePartial(node, d, st);
    case 'apply':
      return compileApply(node, d, st);
    case 'lambda':
      return compileLambda(node, st);
    case 'transform':
      return compileTransform(node, d, st);
    case 'sort':
      // Only as a path step (handled there); elsewhere JSONata gives nothing.
      return () => undefined;
    default:
      throw new UnsupportedConstruct(`the '${node.type}' construct`);
  }
}

function compileVariable(name: string, st: CompileState): Code {
  if (name === '') return (input) => (Array.isArray(input) && (input as Sequence).outerWrapper ? input[0] : input);
  if (st.options.unsupportedNames?.has(name)) throw new UnsupportedConstruct(`$${name}`);
  if (st.bound.has(name)) return collapsed((_input, env) => collapse(lookup(env, name)));
  // A variable the expression never binds comes from the host or the functions: never a sequence.
  return collapsed((_input, env) => lookupGlobal(env.ctx, name));
}

function compileCondition(node: AstNode, d: number, st: CompileState): Code {
  const condition = compileNode(node.condition!, d + 1, st);
  const then = compileNode(node.then!, d + 1, st);
  const otherwise = node.else ? compileNode(node.else, d + 1, st) : undefined;
  return (input, env) => {
    if (toBoolean(condition(input, env))) return then(input, env);
    return otherwise ? otherwise(input, env) : undefined;
  };
}

function compileBlock(node: AstNode, d: number, st: CompileState): Code {
  const codes = node.expressions!.map((e) => compileNode(e, d + 1, st));
  const binds = node.expressions!.some(bindsHere);
  if (codes.length === 1 && !binds) return codes[0]!;
  return (input, env) => {
    const frame = binds ? new Frame(env, env.ctx) : env;
    let result: unknown;
    for (const code of codes) result = code(input, frame);
    return result;
  };
}

/**
 * Whether evaluating the node can bind a variable in the frame it runs in:
 * a `:=` anywhere in it, except inside a block or a function (which open
 * their own frames).
 */
function bindsHere(node: unknown, depth = 0): boolean {
  if (typeof node !== 'object' || node === null || node instanceof RegExp || depth > 500) return false;
  if (Array.isArray(node)) return node.some((n) => bindsHere(n, depth + 1));
  const n = node as AstNode;
  if (n.type === 'bind') return true;
  if (n.type === 'block' || n.type === 'lambda') return false;
  for (const key of Object.keys(n)) {
    if (key === 'signature') continue;
    if (bindsHere((n as unknown as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}
