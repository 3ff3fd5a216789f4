import { z } from 'zod';
import { FlowloomError } from '../errors/flowloom.error.js';
import { outputPortsOf } from '../model/node-type-lookup.js';
import { defineNode, implementedBy, isNodeType, type NodeType, type NodeTypeDefinition } from './define-node.js';

/** A node type as the editor sees it: plain data, parameters as JSON Schema. */
export interface NodeTypeDescription {
  type: string;
  version: number;
  displayName: string;
  description: string;
  group: string;
  icon: string | undefined;
  /** Input ports for the default parameters. */
  inputs: string[];
  /** Input ports whose number a parameter sets (`inputPortsOf` gives a node's); absent when fixed. */
  inputCount?: { parameter: string; prefix: string; min: number; max: number };
  /** Output ports for the default parameters. */
  outputs: string[];
  /** Whether outputs depend on the parameters. */
  dynamicOutputs: boolean;
  credentials: { name: string; type: string; required: boolean }[];
  /** Sub-ports other nodes attach to (an agent's `model`, `memory`, `tool`); absent when none. */
  subInputs?: { name: string; displayName?: string; max?: number }[];
  /**
   * Sub-ports this node's type declares it attaches to others through (a chat model's `model`); absent when none.
   * Every type that takes items on `main` may also attach through `tool` (`subOutputPortsOf`).
   */
  subOutputs?: string[];
  /** JSON Schema of the parameters (input side), with the UI hints from `.meta()`. */
  properties: Record<string, unknown>;
  /** Not offered in the editor's palette. */
  hidden?: true;
  /** Set while the type is a stand-in that loads on first use: its form comes after `engine.nodeTypes.load(type)`. */
  lazy?: true;
  /** Runs only in Node.js, on an engine made with `createNodeEngine` (see `NodeTypeDefinition.nodeOnly`). */
  nodeOnly?: true;
}

/**
 * The node types an engine knows. The core types are always present; hosts
 * add their own through `createEngine({ nodeTypes })` or `register`.
 */
export class NodeRegistry {
  readonly #types = new Map<string, NodeType[]>();
  readonly #loading = new Map<NodeType, Promise<NodeType>>();

  constructor(types: Iterable<NodeType | NodeTypeDefinition> = []) {
    for (const t of types) this.register(t);
  }

  /**
   * Adds a node type. Registering a second definition for the same type and
   * version is an error, except the implementation of a `nodeOnly`
   * description (`implementNode`), which takes the description's place
   * (the description registered again after it changes nothing).
   */
  register(type: NodeType | NodeTypeDefinition): this {
    const nodeType = isNodeType(type) ? type : defineNode(type);
    const versions = this.#types.get(nodeType.type) ?? [];
    const existing = versions.find((v) => v.version === nodeType.version);
    if (existing === nodeType || (existing && implementedBy(existing) === nodeType)) return this;
    if (existing && implementedBy(nodeType) === existing) {
      versions[versions.indexOf(existing)] = nodeType;
      return this;
    }
    if (existing) {
      throw new FlowloomError(
        'NODE_TYPE_DUPLICATE',
        `Node type '${nodeType.type}' version ${nodeType.version} is registered twice; give the second one another type id or version.`,
      );
    }
    versions.push(nodeType);
    versions.sort((a, b) => a.version - b.version);
    this.#types.set(nodeType.type, versions);
    return this;
  }

  /** The node type for a type id, at a version (the newest when omitted), or undefined. */
  get(type: string, version?: number): NodeType | undefined {
    const versions = this.#types.get(type);
    if (!versions) return undefined;
    if (version === undefined) return versions[versions.length - 1];
    return versions.find((v) => v.version === version);
  }

  has(type: string): boolean {
    return this.#types.has(type);
  }

  /** Versions registered for a type id. */
  versions(type: string): number[] {
    return (this.#types.get(type) ?? []).map((v) => v.version);
  }

  /**
   * The full node type for a type id and version: a lazy type (`load`) is
   * loaded once and put in its stand-in's place. Resolves undefined for an
   * unknown type; rejects, naming the type, when loading fails.
   */
  async load(type: string, version?: number): Promise<NodeType | undefined> {
    const found = this.get(type, version);
    if (!found?.load) return found;
    let pending = this.#loading.get(found);
    if (!pending) {
      pending = found.load().then(
        (full) => {
          if (!isNodeType(full) || full.type !== found.type || full.version !== found.version || full.load) {
            throw new FlowloomError(
              'NODE_TYPE_LOAD_FAILED',
              `Node type '${found.type}' version ${found.version} loaded something else: its load() must resolve with the full type of the same id and version.`,
            );
          }
          const versions = this.#types.get(found.type)!;
          versions[versions.indexOf(found)] = full;
          return full;
        },
        (error: unknown) => {
          this.#loading.delete(found);
          throw new FlowloomError(
            'NODE_TYPE_LOAD_FAILED',
            `Node type '${found.type}' could not be loaded: ${(error as Error)?.message ?? String(error)}`,
            {
              cause: error,
            },
          );
        },
      );
      this.#loading.set(found, pending);
    }
    return pending;
  }

  /** Loads every lazy node type a workflow document uses (anything else in it is left for validation to report). */
  async loadFor(workflow: unknown): Promise<void> {
    const nodes = (workflow as { nodes?: unknown } | null)?.nodes;
    if (!Array.isArray(nodes)) return;
    const wanted = new Map<string, number | undefined>();
    for (const node of nodes as { type?: unknown; typeVersion?: unknown }[]) {
      if (typeof node?.type !== 'string') continue;
      const version = typeof node.typeVersion === 'number' ? node.typeVersion : undefined;
      if (this.get(node.type, version)?.load) wanted.set(`${node.type}@${version}`, version);
    }
    await Promise.all([...wanted].map(([key, version]) => this.load(key.slice(0, key.lastIndexOf('@')), version)));
  }

  /** Every registered node type, newest version of each. */
  list(): NodeType[] {
    const out: NodeType[] = [];
    for (const versions of this.#types.values()) {
      const newest = versions[versions.length - 1];
      if (newest) out.push(newest);
    }
    return out;
  }

  /** Plain-data descriptions of every node type, for palettes and form generation. */
  describe(): NodeTypeDescription[] {
    return this.list().map(describeNodeType);
  }
}

const jsonSchemaCache = new WeakMap<object, Record<string, unknown>>();

/** A plain-data description of one node type. */
export function describeNodeType(t: NodeType): NodeTypeDescription {
  let properties: Record<string, unknown> = { type: 'object', properties: {} };
  let defaults: Record<string, unknown> = {};
  if (t.properties) {
    const cached = jsonSchemaCache.get(t.properties);
    properties = cached ?? (z.toJSONSchema(t.properties, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
    if (!cached) jsonSchemaCache.set(t.properties, properties);
    const parsed = t.properties.safeParse({});
    if (parsed.success) defaults = parsed.data;
  }
  return {
    type: t.type,
    version: t.version,
    displayName: t.displayName,
    description: t.description ?? '',
    group: t.group,
    icon: t.icon,
    inputs: [...t.inputs],
    ...(t.inputCount ? { inputCount: { ...t.inputCount } } : {}),
    outputs: [...outputPortsOf(t, defaults)],
    dynamicOutputs: typeof t.outputs === 'function',
    credentials: (t.credentials ?? []).map((c) => ({ name: c.name, type: c.type, required: c.required ?? false })),
    ...(t.subInputs?.length ? { subInputs: t.subInputs.map((p) => ({ ...p })) } : {}),
    ...(t.subOutputs?.length ? { subOutputs: [...t.subOutputs] } : {}),
    properties,
    ...(t.load ? { lazy: true as const } : {}),
    ...(t.hidden ? { hidden: true as const } : {}),
    ...(t.nodeOnly ? { nodeOnly: true as const } : {}),
  };
}
