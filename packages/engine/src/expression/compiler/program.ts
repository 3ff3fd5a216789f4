import type { Code } from './apply.js';
import type { AstNode, CompilerOptions, CompileState } from './ast.js';
import { compileNode } from './compile.js';
import { EvaluationContext, type RunSettings } from './context.js';
import { toFault } from './evaluation-fault.error.js';
import { sequence, type Sequence } from './values.js';

/** Evaluates a compiled program: `(input, now, hostData?, bindings?)`. */
export type Runner = (input: unknown, now: number, hostData?: unknown, bindings?: Record<string, unknown>) => unknown;

/** An expression compiled to closures: evaluates synchronously. */
export interface CompiledProgram {
  /**
   * A runner under the given budgets and functions. It evaluates against an
   * input; `bindings` become variables. Throws an EvaluationFault with
   * JSONata's code, or an ExpressionError for a size budget.
   */
  runner(settings: RunSettings): Runner;
}

/** Names the expression binds somewhere: those are looked up through frames, the others directly. */
function collectBound(node: unknown, out: Set<string>, depth = 0): void {
  if (typeof node !== 'object' || node === null || depth > 2000 || node instanceof RegExp) return;
  if (Array.isArray(node)) {
    for (const n of node) collectBound(n, out, depth + 1);
    return;
  }
  const n = node as AstNode & { label?: unknown };
  if (n.type === 'bind' && n.lhs && !Array.isArray(n.lhs) && typeof n.lhs.value === 'string') out.add(n.lhs.value);
  if (n.type === 'lambda') for (const a of n.arguments ?? []) if (typeof a.value === 'string') out.add(a.value);
  if (typeof n.focus === 'string') out.add(n.focus);
  if (typeof n.index === 'string') out.add(n.index);
  if (n.type === 'index' && typeof n.value === 'string') out.add(n.value);
  if (typeof n.label === 'string') out.add(n.label);
  for (const key of Object.keys(n)) {
    if (key === 'signature') continue;
    const v = (n as unknown as Record<string, unknown>)[key];
    if (typeof v === 'object' && v !== null) collectBound(v, out, depth + 1);
  }
}

/** Compiles a syntax tree to one closure (for `$eval`, which runs it in the caller's frame). */
export function compileCode(ast: AstNode, options: CompilerOptions): Code {
  const bound = new Set<string>();
  collectBound(ast, bound);
  return compileNode(ast, 1, { options, bound, inLambda: false, compile: compileNode });
}

/**
 * Compiles JSONata's syntax tree to closures. Throws UnsupportedConstruct
 * when some part is not translated (the caller then uses the interpreter).
 */
export function compileProgram(ast: AstNode, options: CompilerOptions): CompiledProgram {
  const bound = new Set<string>();
  collectBound(ast, bound);
  const st: CompileState = { options, bound, inLambda: false, compile: compileNode };
  const code = compileNode(ast, 1, st);
  return {
    runner(settings) {
      // One context, reset for each evaluation; a nested evaluation (none today) would get its own.
      let spare: EvaluationContext | undefined = new EvaluationContext(settings);
      return (input, now, hostData, bindings) => {
        let value = input;
        if (Array.isArray(value) && !(value as Sequence).sequence) {
          const wrapped = sequence(value);
          wrapped.outerWrapper = true;
          value = wrapped;
        }
        const ctx = spare ?? new EvaluationContext(settings);
        spare = undefined;
        ctx.reset(value, now, hostData, bindings);
        try {
          return code(value, ctx.top);
        } catch (error) {
          throw toFault(error);
        } finally {
          spare = ctx;
        }
      };
    },
  };
}
