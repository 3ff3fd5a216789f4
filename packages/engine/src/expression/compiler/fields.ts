import { isFunction } from './values.js';
import type { AstNode } from './ast.js';

/** Whether a step is a bare field name (no filter, binding or other decoration). */
export function isPlainName(node: AstNode): boolean {
  return (
    node.type === 'name' &&
    !node.stages &&
    !node.predicate &&
    !node.group &&
    !node.keepArray &&
    !node.focus &&
    !node.index &&
    !node.tuple &&
    !node.ancestor
  );
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Own fields of function values (JSONata's function objects, lambdas): the only names for which a field read must check for one. */
const FUNCTION_FIELDS = new Set([
  '_jsonata_function',
  '_jsonata_lambda',
  'implementation',
  'signature',
  'arity',
  'params',
  'body',
  'env',
  'input',
]);

const objectPrototype = Object.prototype;

/**
 * A field of an object, as a path reads it: own fields only, nothing from a
 * function value. `guard` (from `needsGuard`) says whether the name could be
 * inherited or read from a function value; for other names, an object whose
 * prototype is Object.prototype (or none) cannot give anything but its own field.
 */
export function ownField(value: object, name: string, guard = needsGuard(name)): unknown {
  if (!guard) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === objectPrototype || proto === null) return (value as Record<string, unknown>)[name];
  }
  if (!hasOwn.call(value, name)) return undefined;
  if (isFunction(value)) return undefined;
  return (value as Record<string, unknown>)[name];
}

/** Whether reading `name` needs the full checks of `ownField`: a name Object.prototype has, or one a function value has. */
export function needsGuard(name: string): boolean {
  return FUNCTION_FIELDS.has(name) || name in objectPrototype;
}

/**
 * The name as a property key the JavaScript engine has already interned.
 * Names cut from an expression's text are fresh strings; read with one, every
 * field access would first look the text up among the engine's keys.
 */
export function keyOf(name: string): string {
  return Object.keys({ [name]: 0 })[0]!;
}
