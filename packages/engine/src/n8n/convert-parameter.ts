import type { ImportProblem } from './import-report.js';
import { itemAlignment, upstreamOf } from './item-alignment.js';
import { MapContext } from './map-context.js';
import { readConnections } from './n8n-connections.js';
import { readN8nDocument, readNodes, type N8nNodeEntry } from './read-n8n.js';

/** How one n8n parameter string reads in Flowloom, with what became of its expressions. */
export interface ConvertedParameter {
  /** The Flowloom parameter string. */
  readonly text: string;
  readonly translated: number;
  readonly javascript: number;
  readonly parseFailed: number;
}

/**
 * For one n8n workflow export: converts any parameter string of any of its
 * nodes as the importer converts the strings of the nodes it maps (plain
 * references to Flowloom's expressions, the rest to JavaScript), whether or
 * not the node itself maps. For tests that compare Flowloom's values with
 * n8n's over every expression of a corpus. Undefined when the file is not an
 * n8n workflow.
 */
export function parameterConverter(
  json: unknown,
):
  | { convert(n8nNodeName: string, value: string, parameter?: string): ConvertedParameter; nodeName(n8nName: string): string | undefined }
  | undefined {
  const read = readN8nDocument(json);
  if ('refused' in read) return undefined;
  const problems: ImportProblem[] = [];
  const { nodes, stickies } = readNodes(read.doc.nodes as unknown[], problems);
  const byN8nName = new Map<string, N8nNodeEntry>();
  for (const node of nodes) if (!byN8nName.has(node.n8nName)) byN8nName.set(node.n8nName, node);
  const { edges } = readConnections(read.doc.connections, byN8nName, new Set(stickies.map((s) => s.name)), problems);
  const aligned = itemAlignment(nodes, edges);
  const before = upstreamOf(edges);
  const nodeName = (name: string) => byN8nName.get(name)?.name;
  return {
    nodeName,
    convert(n8nNodeName, value, parameter = 'value') {
      const entry = byN8nName.get(n8nNodeName);
      const ctx = new MapContext(
        { name: entry?.name ?? n8nNodeName, type: entry?.type ?? '', typeVersion: entry?.typeVersion ?? 1, parameters: {} },
        {
          nodeName,
          itemAligned: (name) => (entry ? aligned(name, entry) : false),
          upstream: (name) => (entry ? before(name, entry) : false),
          usedOutputs: [0],
          timezone: undefined,
        },
      );
      const text = ctx.convertString(value, parameter);
      const { translated, javascript, parseFailed } = ctx.counts;
      return { text, translated, javascript, parseFailed };
    },
  };
}
