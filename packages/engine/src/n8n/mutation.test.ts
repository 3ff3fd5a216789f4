import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { safeParseWorkflow } from '../model/parse-workflow.js';
import { coreNodeTypes } from '../nodes/core/index.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import type { ImportReport } from './import-report.js';
import { importN8nWorkflow } from './import-workflow.js';

const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;
const registry = new NodeRegistry(coreNodeTypes);

/** A seeded generator (mulberry32), so every run feeds the same 1,000 files. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type N8n = { nodes: Record<string, unknown>[]; connections: Record<string, { main?: unknown[][] }> } & Record<string, unknown>;
type Mutation = {
  name: string;
  apply(text: string, random: () => number): unknown;
  expect?: (report: ImportReport, input: unknown) => void;
};

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;
const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], [1, 'a'], {}, { a: { b: [] } }, '={{ $json.', '={{ }}'];

/** Every path of objects and arrays in a value, for picking one at random. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const key = Array.isArray(value) ? Number(k) : k;
      out.push([...at, key]);
      if (out.length < 5000) paths(v, [...at, key], out);
    }
  }
  return out;
}

function parentOf(doc: unknown, path: (string | number)[]): Record<string | number, unknown> {
  let v = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) v = v[key] as Record<string | number, unknown>;
  return v;
}

const codes = (report: ImportReport) => report.problems.map((p) => p.code);

const MUTATIONS: Mutation[] = [
  {
    name: 'truncate',
    apply: (text, random) => text.slice(0, Math.floor(random() * (text.trimEnd().length - 1))),
    expect: (report) => {
      expect(report.status).toBe('refused');
      expect(report.refusedReason).toMatch(/not valid JSON|truncated/);
    },
  },
  {
    name: 'drop a field',
    apply(text, random) {
      const doc = JSON.parse(text) as unknown;
      const path = pick(paths(doc), random);
      const parent = parentOf(doc, path);
      if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
      else delete parent[path[path.length - 1]!];
      return doc;
    },
  },
  {
    name: 'wrong type',
    apply(text, random) {
      const doc = JSON.parse(text) as unknown;
      const path = pick(paths(doc), random);
      parentOf(doc, path)[path[path.length - 1]!] = pick(WRONG_VALUES, random);
      return doc;
    },
  },
  {
    name: 'random typeVersion',
    apply(text, random) {
      const doc = JSON.parse(text) as N8n;
      for (const node of doc.nodes) if (random() < 0.5) node.typeVersion = pick([0, -2, 1.05, 2.7, 9, 99, '2', null, 1e21], random);
      return doc;
    },
  },
  {
    name: 'cycle',
    apply(text, random) {
      const doc = JSON.parse(text) as N8n;
      // Connect the target of an existing connection back to its source.
      const edges = Object.entries(doc.connections ?? {}).flatMap(([from, kinds]) =>
        (kinds.main ?? []).flatMap((targets) =>
          (Array.isArray(targets) ? targets : []).map((t) => [from, (t as { node: string }).node] as const),
        ),
      );
      if (edges.length === 0) return doc;
      const [from, to] = pick(edges, random);
      const main = (doc.connections[to] ??= {}).main ?? [];
      doc.connections[to].main = main;
      (main[0] ??= []).push({ node: from, type: 'main', index: 0 });
      return doc;
    },
    expect(report, input) {
      const doc = input as N8n;
      if (!Object.values(doc.connections ?? {}).some((kinds) => (kinds.main ?? []).some((t) => Array.isArray(t) && t.length > 0))) return;
      // Refused (a cycle outside a loop node, a connection into a trigger or out of a node without outputs), or allowed by a loop node.
      const handled = codes(report).some((c) => ['cycle', 'connection-refused', 'connection-without-port'].includes(c));
      const loop = doc.nodes.some((n) => n.type === 'n8n-nodes-base.splitInBatches');
      expect(handled || loop, JSON.stringify(report.problems)).toBe(true);
    },
  },
  {
    name: 'duplicate node names',
    apply(text, random) {
      const doc = JSON.parse(text) as N8n;
      const real = doc.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
      if (real.length >= 2) pick(real.slice(1), random).name = real[0]!.name;
      return doc;
    },
    expect(report, input) {
      const real = (input as N8n).nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
      if (real.length >= 2) expect(codes(report)).toContain('duplicate-node-name');
    },
  },
  {
    name: 'connection to a missing node',
    apply(text, random) {
      const doc = JSON.parse(text) as N8n;
      const source = pick(
        doc.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote'),
        random,
      ).name as string;
      ((doc.connections[source] ??= {}).main ??= [[]])[0] = [{ node: `Missing ${Math.floor(random() * 1000)}`, type: 'main', index: 0 }];
      return doc;
    },
    expect: (report) => expect(codes(report)).toContain('connection-to-missing-node'),
  },
  {
    name: 'not an n8n workflow',
    apply: (text, random) =>
      pick<unknown>(
        [JSON.parse(text).nodes, 'just text', 42, null, { name: 'x' }, { nodes: 'many' }, { schemaVersion: 1, nodes: [] }],
        random,
      ),
    expect: (report) => {
      expect(report.status).toBe('refused');
      expect(report.refusedReason).toMatch(/\w/);
    },
  },
  {
    name: 'nested too deep',
    apply(text, random) {
      const doc = JSON.parse(text) as N8n;
      let deep: unknown = 'bottom';
      for (let i = 0; i < 80; i++) deep = { d: deep };
      const node = pick(doc.nodes, random);
      node.parameters = { ...(node.parameters as object), deep };
      return doc;
    },
  },
];

let files: string[] = [];
beforeAll(() => {
  const root = join(CORPUS, 'workflows');
  if (!existsSync(root)) throw new Error(`The n8n corpus is not at ${CORPUS}: set FLOWLOOM_N8N_CORPUS to the folder holding workflows/.`);
  files = readdirSync(root)
    .sort()
    .flatMap((d) =>
      readdirSync(join(root, d))
        .sort()
        .map((f) => join(root, d, f)),
    );
});

describe('1,000 mutated corpus files', () => {
  it('each gives a report, and a workflow that validates unless refused, without throwing', () => {
    const random = seeded(20240501);
    const lines: string[] = [];
    const byStatus: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) {
      const file = pick(files, random);
      const mutation = MUTATIONS[i % MUTATIONS.length]!;
      const input = mutation.apply(readFileSync(file, 'utf8'), random);
      let result: ReturnType<typeof importN8nWorkflow> | undefined;
      expect(() => (result = importN8nWorkflow(input, { source: file })), `${mutation.name} of ${file}`).not.toThrow();
      const { report, workflow } = result!;
      const where = `#${i} ${mutation.name} of ${file}`;
      expect(codes(report), where).not.toContain('internal-error');
      expect(codes(report), `${where}: ${report.refusedReason}`).not.toContain('invalid-result');
      if (report.status === 'refused') {
        expect(workflow, where).toBeUndefined();
        expect(report.refusedReason, where).toMatch(/\w/);
      } else {
        const parsed = safeParseWorkflow(workflow, { nodeTypes: registry });
        expect(parsed.success, `${where}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      }
      mutation.expect?.(report, input);
      byStatus[`${mutation.name}: ${report.status}`] = (byStatus[`${mutation.name}: ${report.status}`] ?? 0) + 1;
      const first = report.problems.find((p) => p.severity === 'error') ?? report.problems[0];
      lines.push(`${where}: ${report.status}${first ? ` (${first.code}: ${first.message.slice(0, 100)})` : ''}`);
    }
    expect(lines).toHaveLength(1000);
    console.log(
      `\nmutated imports by outcome:\n${Object.entries(byStatus)
        .map(([k, n]) => `  ${k}: ${n}`)
        .join('\n')}\nfirst lines:\n${lines.slice(0, 9).join('\n')}`,
    );
  });
});
