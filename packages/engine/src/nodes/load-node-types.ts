import { FlowloomError } from '../errors/flowloom.error.js';
import { defineNode, isNodeType, type NodeType, type NodeTypeDefinition } from './define-node.js';

/**
 * The node types among a module's exports: values made by `defineNode`,
 * plain definition objects (`{ type, execute, ... }`, checked by `defineNode`),
 * and arrays of either. A module needs no import of the engine to ship nodes.
 */
export function nodeTypesIn(mod: Record<string, unknown>): NodeType[] {
  const found: NodeType[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isNodeType(value)) found.push(value);
    else if (isPlainDefinition(value)) found.push(definedOnce(value));
  };
  Object.values(mod).forEach(visit);
  return [...new Set(found)];
}

function isPlainDefinition(value: unknown): value is NodeTypeDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    typeof (value as { execute?: unknown }).execute === 'function'
  );
}

// The same plain object always gives the same node type, so loading a module twice registers nothing twice.
const defined = new WeakMap<object, NodeType>();
function definedOnce(definition: NodeTypeDefinition): NodeType {
  let type = defined.get(definition);
  if (!type) defined.set(definition, (type = defineNode(definition)));
  return type;
}

/**
 * Imports a module the host names (`nodeModules`, the CLI's `--nodes`). The
 * one dynamic import of a computed specifier in the engine: these modules are
 * the host's plugins, not dependencies of the engine, so no bundler or
 * import graph can know them ahead of time.
 */
export async function importHostModule(specifier: string): Promise<Record<string, unknown>> {
  // eslint-disable-next-line no-restricted-syntax -- a module the host names at run time (see above)
  return (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
}

/**
 * Imports modules by specifier or URL and collects the node types they
 * export: any export made by `defineNode`, or an array of them.
 */
export async function loadNodeTypes(specifiers: readonly string[]): Promise<NodeType[]> {
  const types: NodeType[] = [];
  for (const specifier of specifiers) {
    let mod: Record<string, unknown>;
    try {
      mod = await importHostModule(specifier);
    } catch (error) {
      throw new FlowloomError(
        'NODE_MODULE_INVALID',
        `Node module '${specifier}' could not be loaded: ${String((error as Error)?.message ?? error)}`,
      );
    }
    const found = nodeTypesIn(mod);
    if (found.length === 0) throw new FlowloomError('NODE_MODULE_INVALID', `Node module '${specifier}' exports no node types.`);
    for (const t of found) if (!types.includes(t)) types.push(t);
  }
  return types;
}
