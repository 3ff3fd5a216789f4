import type { Connection } from '../model/connection.js';
import type { WorkflowNode } from '../model/node.js';
import type { CredentialEntry, ImportProblem } from './import-report.js';
import type { NodeOutcome } from './map-node.js';
import { mainInput, mainOutput } from './mappers/mapping.js';
import type { N8nEdge } from './n8n-connections.js';
import type { NodeSettings } from './node-settings.js';

/** A connection and the n8n edge it came from. */
export interface BuiltConnection {
  readonly key: string;
  readonly connection: Connection;
  readonly edge: N8nEdge;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The n8n output indexes connected from each node. */
export function usedOutputsOf(edges: readonly N8nEdge[]): Map<string, number[]> {
  const used = new Map<string, number[]>();
  for (const e of edges) {
    const list = used.get(e.from.id) ?? [];
    if (!list.includes(e.output)) list.push(e.output);
    used.set(
      e.from.id,
      list.sort((a, b) => a - b),
    );
  }
  return used;
}

/** A placeholder's output port names for the n8n output indexes used, and which index is the error output. */
function placeholderPorts(used: readonly number[], errorOutput: boolean): { ports: string[]; port: (i: number) => readonly string[] } {
  const max = used.length > 0 ? used[used.length - 1]! : 0;
  const errorIndex = errorOutput && max > 0 ? max : -1;
  const name = (i: number) => (i === errorIndex ? 'error' : i === 0 ? 'main' : `output${i}`);
  const ports = ['main', ...used.filter((i) => i !== 0 && i !== errorIndex).map(name)];
  return { ports, port: (i) => [name(i)] };
}

/** The n8n credentials a node names: `{ [n8n type]: { id, name } }`. */
export function credentialsOf(raw: Record<string, unknown>): { n8nType: string; id?: string; name: string }[] {
  if (!isRecord(raw.credentials)) return [];
  return Object.entries(raw.credentials).flatMap(([n8nType, value]) => {
    if (typeof value === 'string') return [{ n8nType, name: value }];
    if (!isRecord(value)) return [];
    const id = typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : undefined;
    const name = typeof value.name === 'string' ? value.name : (id ?? '');
    return [{ n8nType, name, ...(id !== undefined ? { id } : {}) }];
  });
}

/** One outcome as a Flowloom node, with the credential entries it adds to the report. */
export function buildNode(
  outcome: NodeOutcome,
  settings: NodeSettings,
  used: readonly number[],
): {
  node: WorkflowNode;
  outputs: (i: number) => readonly string[];
  input: (i: number) => string | undefined;
  credentials: CredentialEntry[];
} {
  const { entry } = outcome;
  const credentials = credentialsOf(entry.raw);
  const base = { id: entry.id, name: entry.name, typeVersion: 1, position: entry.position, ...settings };
  const errorOutput = settings.onError === 'errorOutput';
  if (outcome.mapped) {
    const mapped = outcome.mapped;
    const slot = mapped.credential;
    const own = slot ? credentials.find((c) => c.n8nType === slot.n8nType) : undefined;
    const outputs = mapped.outputs ?? mainOutput;
    return {
      node: {
        ...base,
        type: mapped.type,
        parameters: mapped.parameters,
        ...(own && slot ? { credentials: { [slot.slot]: own.id ?? own.name } } : {}),
      },
      outputs: (i) => {
        const ports = outputs(i);
        return ports.length === 0 && errorOutput ? ['error'] : ports;
      },
      input: mapped.input ?? mainInput,
      credentials: credentials.map((c) => ({
        node: entry.name,
        ...(c === own && slot ? { slot: slot.slot } : {}),
        n8nType: c.n8nType,
        name: c.name,
        ...(c.id !== undefined ? { n8nId: c.id } : {}),
      })),
    };
  }
  const placeholder = outcome.placeholder!;
  const { ports, port } = placeholderPorts(used, errorOutput);
  const parameters: Record<string, unknown> = {
    source: 'n8n',
    originalType: entry.type,
    originalTypeVersion: entry.typeVersion,
    originalParameters: outcome.originalParameters,
    outputs: ports,
    reason: placeholder.reason,
  };
  if (isRecord(entry.raw.credentials)) parameters.originalCredentials = entry.raw.credentials;
  return {
    node: { ...base, type: placeholder.trigger ? 'core.placeholderTrigger' : 'core.placeholder', parameters },
    outputs: port,
    input: () => (placeholder.trigger ? undefined : 'main'),
    credentials: credentials.map((c) => ({
      node: entry.name,
      n8nType: c.n8nType,
      name: c.name,
      ...(c.id !== undefined ? { n8nId: c.id } : {}),
    })),
  };
}

/**
 * The Flowloom connections for the n8n edges, through each node's port
 * mapping. Edges whose output or input has no port are left out, each with a
 * problem; so are those in `dropped` (refused by validation earlier).
 */
export function buildConnections(
  edges: readonly N8nEdge[],
  ports: ReadonlyMap<string, { outputs: (i: number) => readonly string[]; input: (i: number) => string | undefined; placeholder: boolean }>,
  dropped: ReadonlySet<string>,
  problems: ImportProblem[],
): BuiltConnection[] {
  const out: BuiltConnection[] = [];
  const seen = new Set<string>();
  for (const edge of edges) {
    const from = ports.get(edge.from.id)!;
    const to = ports.get(edge.to.id)!;
    const outputs = from.outputs(edge.output);
    let input = to.input(edge.input);
    if (input === undefined && to.placeholder && edge.input > 0) {
      input = 'main';
      problems.push({
        code: 'input-joined',
        severity: 'warning',
        node: edge.to.name,
        message: `input ${edge.input + 1} of '${edge.to.name}' is connected to its only input in Flowloom (from '${edge.from.name}')`,
      });
    }
    if (outputs.length === 0 || input === undefined) {
      const which =
        outputs.length === 0 ? `output ${edge.output + 1} of '${edge.from.name}'` : `input ${edge.input + 1} of '${edge.to.name}'`;
      problems.push({
        code: 'connection-without-port',
        severity: 'error',
        node: outputs.length === 0 ? edge.from.name : edge.to.name,
        message: `the connection from '${edge.from.name}' to '${edge.to.name}' was left out: ${which} has no Flowloom equivalent`,
      });
      continue;
    }
    for (const port of outputs) {
      const key = `${edge.from.id}\u0000${port}\u0000${edge.to.id}\u0000${input}`;
      if (seen.has(key) || dropped.has(key)) continue;
      seen.add(key);
      out.push({ key, edge, connection: { from: { node: edge.from.id, port }, to: { node: edge.to.id, port: input } } });
    }
  }
  return out;
}
