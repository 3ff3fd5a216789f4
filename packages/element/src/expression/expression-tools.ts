import {
  createExpressionResolver,
  getExpressionCompletions,
  validateExpression,
  type ExpressionResolver,
  type ExpressionScope,
  type Item,
  type Workflow,
  type WorkflowNode,
} from '@flowloom/engine';

/** One autocomplete suggestion. */
export interface Completion {
  /** Text shown in the list. */
  label: string;
  /** Text inserted in place of the word being typed. */
  insert: string;
  /** A signature or type, shown beside the label. */
  detail?: string;
  /** One line of documentation. */
  info?: string;
  kind: 'field' | 'node' | 'variable' | 'function';
}

/** A problem in an expression, at character offsets of the whole parameter text. */
export interface ExpressionProblem {
  message: string;
  from: number;
  to: number;
}

/** What suggestions and previews can see: the node's input items from the last run and the workflow. */
export interface CompletionContext {
  /** Items the node received in the last run (or the previous node's output). */
  items: readonly Item[];
  /** The item previews are computed for (default 0). */
  itemIndex?: number;
  workflow: Workflow;
  node: WorkflowNode | undefined;
  variables: string[];
  /** The `$vars` a run sees (the engine's or server's variables), for the preview. */
  vars?: Readonly<Record<string, unknown>>;
  /** Last output (main port) of a node by name, from the last run. */
  nodeOutput(name: string): readonly Item[] | undefined;
}

type Loose = Record<string, unknown>;

/** Suggestions for the word before `cursor` inside `{{ }}` (none outside one). */
export function expressionCompletions(text: string, cursor: number, ctx: CompletionContext): { from: number; items: Completion[] } {
  const before = text.slice(0, cursor);
  const open = before.lastIndexOf('{{');
  if (open === -1 || before.lastIndexOf('}}') > open) return { from: cursor, items: [] };
  const word = /[$\w.]*$/.exec(before)?.[0] ?? '';
  const from = cursor - word.length;
  if (word.startsWith('$json.')) {
    const path = word.split('.').slice(1);
    const prefix = path.pop() ?? '';
    let value: unknown = ctx.items[0]?.json;
    for (const key of path) value = value && typeof value === 'object' ? (value as Loose)[key] : undefined;
    const items: Completion[] = [];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, v] of Object.entries(value as Loose)) {
        if (key.startsWith(prefix)) items.push({ label: key, insert: ['$json', ...path, key].join('.'), detail: typeOf(v), kind: 'field' });
      }
    }
    return { from, items };
  }
  const lower = word.toLowerCase();
  const others = ctx.workflow.nodes.filter((n) => n.id !== ctx.node?.id);
  const items = getExpressionCompletions({ workflow: { nodes: others }, variables: ctx.variables })
    .filter((c) => c.name.toLowerCase().startsWith(lower))
    .map((c): Completion => ({
      label: c.name,
      insert:
        c.category === 'node' ? `${c.name}.json` : c.kind === 'function' && !c.signature.startsWith(`${c.name}.`) ? `${c.name}(` : c.name,
      detail: c.signature,
      info: c.description,
      kind: c.category === 'node' ? 'node' : c.kind,
    }));
  return { from, items: items.slice(0, 50) };
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v;
}

/** Problems found without the engine: a `{{` never closed, an empty `{{ }}`. Instant, for every keystroke. */
export function quickProblems(text: string): ExpressionProblem[] {
  const problems: ExpressionProblem[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    if (close === -1) {
      problems.push({ message: 'This {{ is never closed with }}.', from: open, to: text.length });
      break;
    }
    if (text.slice(open + 2, close).trim() === '') problems.push({ message: 'Empty expression.', from: open, to: close + 2 });
    i = close + 2;
  }
  return problems;
}

/** Every problem the engine finds (syntax, unknown functions, variables and nodes), at their offsets. */
export async function expressionProblems(text: string, workflow?: Workflow): Promise<ExpressionProblem[]> {
  const quick = quickProblems(text);
  if (quick.length > 0) return quick;
  const issues = await validateExpression(text, workflow ? { workflow } : {});
  return issues.filter((i) => i.severity === 'error').map((i) => ({ message: i.message, from: i.start, to: i.end }));
}

let resolver: ExpressionResolver | undefined;

/**
 * Whether a template reads nothing of a run but `$vars`, so it can be
 * previewed before the workflow has run (the rest waits for run data).
 */
export function readsOnlyVars(text: string): boolean {
  const names = text.match(/\$[A-Za-z_]\w*|\$\(/g) ?? [];
  return names.length > 0 && names.every((n) => n === '$vars');
}

/** The value of a template for the item at `ctx.itemIndex` (the first by default), as the engine would compute it in a run. */
export async function previewExpression(text: string, ctx: CompletionContext): Promise<{ value: unknown } | { error: string }> {
  resolver ??= createExpressionResolver();
  const index = Math.min(Math.max(ctx.itemIndex ?? 0, 0), Math.max(ctx.items.length - 1, 0));
  const node = ctx.node ?? { id: 'preview', name: 'Preview', type: 'core.noOp', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} };
  const scope: ExpressionScope = {
    item: ctx.items[index],
    itemIndex: index,
    items: ctx.items,
    runIndex: 0,
    node,
    workflow: ctx.workflow,
    execution: { id: 'preview', mode: 'manual', tenantId: 'default' },
    nodeOutput: (name) => ctx.nodeOutput(name),
    vars: { ...ctx.vars },
    env: {},
    now: Date.now(),
  };
  try {
    return { value: await resolver.evaluateTemplate(text, scope) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
