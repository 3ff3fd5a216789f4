import { checkOptions } from '../options/check-options.js';
import type { Workflow } from '../model/workflow.js';
import type { FunctionCategory } from './functions/function-spec.js';
import { jsonataBuiltins } from './functions/jsonata-builtins.js';
import { libraryFunctions } from './functions/library.js';

/** One entry for autocomplete and hover docs. */
export interface ExpressionCompletion {
  /** What the user types, with its `$`: `$slugify`, `$json`, `$node("Fetch orders")`, `$vars.apiBase`. */
  readonly name: string;
  readonly kind: 'function' | 'variable';
  /** For functions, the call with parameter names (`?` marks optional ones); for variables, the name. */
  readonly signature: string;
  /** One sentence. */
  readonly description: string;
  /** An expression using it. */
  readonly example: string;
  /** What the example gives, as JSON text, when it is always the same. */
  readonly result?: string;
  /** `variable` for bindings, `node` for `$node("…")` of this workflow; functions by area (string, date, ...). */
  readonly category: FunctionCategory | 'variable' | 'node';
  /** True for JSONata's own functions, false for Flowloom's library and bindings. */
  readonly builtin: boolean;
}

/** Options of `getExpressionCompletions`. */
export interface CompletionOptions {
  /** Adds a `$node("Name")` entry for each of its nodes. */
  workflow?: Pick<Workflow, 'nodes'>;
  /** Adds a `$vars.key` entry for each variable key. */
  variables?: readonly string[];
}

const variable = (name: string, description: string, example: string): ExpressionCompletion => ({
  name,
  kind: 'variable',
  signature: name,
  description,
  example,
  category: 'variable',
  builtin: false,
});

const BINDINGS: readonly ExpressionCompletion[] = [
  variable('$json', 'The JSON of the current item.', '$json.email'),
  variable('$binary', 'The files attached to the current item, by key.', '$binary.data.fileName'),
  variable('$input', "This node's input: .all (every item), .first, .last and .item (the current item).", '$sum($input.all.json.amount)'),
  {
    ...variable(
      '$node',
      "Another node's last output: .json (its item at this item's index, else its first), .first, .last, .all, and .context (where a Loop Over Items stands: .currentRunIndex, .noItemsLeft). Fails when the node has not run.",
      '$node("Fetch orders").json.total',
    ),
    kind: 'function',
    signature: '$node(name)',
  },
  variable(
    '$vars',
    "Variables: tenant-wide ones, overridden by the workflow's own, overridden by those given to the run.",
    '$vars.apiBase',
  ),
  variable('$env', 'Values the host chooses to expose (nothing from the process environment unless the host passes it).', '$env.region'),
  variable('$execution', 'This execution: .id and .mode (manual, trigger...).', '$execution.id'),
  variable('$workflow', 'This workflow: .id and .name.', '$workflow.name'),
  variable('$itemIndex', 'Position of the current item in the input (from 0).', '$itemIndex + 1'),
  variable('$runIndex', 'How many times this node has already run in this execution (from 0).', '$runIndex'),
  variable(
    '$now',
    'The current time as ISO 8601 text (UTC), fixed for the whole evaluation.',
    '$formatDate($now, "yyyy-MM-dd HH:mm", "Europe/Paris")',
  ),
  variable('$today', "Today's date (YYYY-MM-DD) in the workflow's time zone.", '$dateAdd($today, 1, "day")'),
];

/**
 * Everything an expression can use, as data for autocomplete and hover docs:
 * the bindings (`$json`, `$input`...), JSONata's functions and Flowloom's
 * library, each with signature, description, example and category. Pass the
 * workflow and variable keys to add `$node("…")` and `$vars.…` entries.
 */
export function getExpressionCompletions(options: CompletionOptions = {}): ExpressionCompletion[] {
  checkOptions('getExpressionCompletions', options, { workflow: true, variables: true });
  const out: ExpressionCompletion[] = [...BINDINGS];
  for (const node of options.workflow?.nodes ?? []) {
    const name = `$node(${JSON.stringify(node.name)})`;
    out.push({
      name,
      kind: 'variable',
      signature: name,
      description: `Output of the node '${node.name}'.`,
      example: `${name}.json`,
      category: 'node',
      builtin: false,
    });
  }
  for (const key of options.variables ?? []) {
    const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `$vars.${key}` : `$vars.\`${key}\``;
    out.push({ ...variable(name, `The variable '${key}'.`, name) });
  }
  for (const f of [...jsonataBuiltins, ...libraryFunctions]) {
    out.push({
      name: f.name,
      kind: 'function',
      signature: f.signature,
      description: f.description,
      example: f.example,
      ...(f.result !== undefined ? { result: f.result } : {}),
      category: f.category,
      builtin: f.builtin,
    });
  }
  return out;
}
