import { describeValue } from '../errors/describe-value.js';
import type { ImportProblem } from './import-report.js';
import type { N8nNodeEntry } from './read-n8n.js';

/** One n8n connection between two nodes that exist: output index to input index. */
export interface N8nEdge {
  readonly from: N8nNodeEntry;
  readonly output: number;
  readonly to: N8nNodeEntry;
  readonly input: number;
}

/** A connection of a kind Flowloom has no equivalent for (`ai_tool`, `ai_languageModel`...), kept for the report and `meta`. */
export interface OtherConnection {
  readonly type: string;
  readonly from: string;
  readonly output: number;
  readonly to: string;
  readonly input: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Reads n8n's `connections` (`{ [source name]: { main: [[{ node, type, index }]] } }`):
 * main connections between nodes that exist, the other kinds apart, and a
 * problem for every entry that cannot be followed.
 */
export function readConnections(
  raw: unknown,
  byN8nName: ReadonlyMap<string, N8nNodeEntry>,
  stickyNames: ReadonlySet<string>,
  problems: ImportProblem[],
): { edges: N8nEdge[]; other: OtherConnection[] } {
  const edges: N8nEdge[] = [];
  const other: OtherConnection[] = [];
  const problem = (code: string, message: string, node?: string) =>
    problems.push({ code, severity: 'error', message, ...(node !== undefined ? { node } : {}) });
  if (raw === undefined || raw === null) {
    if (byN8nName.size > 1) problem('missing-connections', "the workflow has no 'connections' object; its nodes are not connected");
    return { edges, other };
  }
  if (!isRecord(raw)) {
    problem(
      'invalid-connections',
      `'connections' must be an object keyed by node name, got ${describeValue(raw)}; its nodes are not connected`,
    );
    return { edges, other };
  }
  const seen = new Set<string>();
  for (const [sourceName, kinds] of Object.entries(raw)) {
    const from = byN8nName.get(sourceName);
    if (!from) {
      if (!stickyNames.has(sourceName)) {
        problem(
          'connection-from-missing-node',
          `connections start at '${sourceName}', which is not a node of the workflow; they were left out`,
        );
      }
      continue;
    }
    if (!isRecord(kinds)) {
      problem(
        'invalid-connections',
        `the connections of '${from.name}' must be an object, got ${describeValue(kinds)}; they were left out`,
        from.name,
      );
      continue;
    }
    for (const [kind, outputs] of Object.entries(kinds)) {
      if (!Array.isArray(outputs)) {
        problem(
          'invalid-connections',
          `the '${kind}' connections of '${from.name}' must be a list, got ${describeValue(outputs)}`,
          from.name,
        );
        continue;
      }
      outputs.forEach((targets: unknown, output) => {
        if (targets === null || targets === undefined) return;
        if (!Array.isArray(targets)) {
          problem(
            'invalid-connections',
            `output ${output} of '${from.name}' must list its connections, got ${describeValue(targets)}`,
            from.name,
          );
          return;
        }
        for (const target of targets) {
          if (!isRecord(target) || typeof target.node !== 'string') {
            problem('invalid-connections', `a connection from '${from.name}' (output ${output}) names no node; it was left out`, from.name);
            continue;
          }
          const input = target.index === undefined ? 0 : target.index;
          if (!isIndex(input)) {
            problem(
              'invalid-connections',
              `a connection from '${from.name}' to '${target.node}' has input ${describeValue(input)}; it was left out`,
              from.name,
            );
            continue;
          }
          const to = byN8nName.get(target.node);
          if (!to) {
            problem(
              'connection-to-missing-node',
              `a connection from '${from.name}' goes to '${target.node}', which is not a node of the workflow; it was left out`,
              from.name,
            );
            continue;
          }
          const type = typeof target.type === 'string' ? target.type : kind;
          if (kind !== 'main' || type !== 'main') {
            other.push({ type: kind, from: from.name, output, to: to.name, input });
            continue;
          }
          const key = `${from.id}\u0000${output}\u0000${to.id}\u0000${input}`;
          if (seen.has(key)) continue;
          seen.add(key);
          edges.push({ from, output, to, input });
        }
      });
    }
  }
  if (other.length > 0) {
    const kinds = [...new Set(other.map((c) => c.type))].join(', ');
    problems.push({
      code: 'non-main-connections',
      severity: 'error',
      message: `${other.length} connection${other.length === 1 ? '' : 's'} of kinds Flowloom has no equivalent for (${kinds}) were left out; they are listed in meta.n8n.otherConnections`,
    });
  }
  return { edges, other };
}
