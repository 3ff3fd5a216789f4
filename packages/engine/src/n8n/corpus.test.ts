import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../ports/logger.js';
import { createEngine } from '../run/engine.js';
import { aggregateImportReports, formatImportTable } from './aggregate-reports.js';
import { importN8nWorkflow, type ImportN8nResult } from './import-workflow.js';

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

function corpusFiles(): string[] {
  const root = join(CORPUS, 'workflows');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
  return walk(root);
}

const engine = createEngine({ logger: silentLogger });
let results: { file: string; text: string; result: ImportN8nResult }[] = [];

beforeAll(() => {
  if (!existsSync(join(CORPUS, 'workflows'))) {
    throw new Error(`The n8n corpus is not at ${CORPUS}: set FLOWLOOM_N8N_CORPUS to the folder holding workflows/ and MANIFEST.tsv.`);
  }
  results = corpusFiles().map((path) => {
    const text = readFileSync(path, 'utf8');
    const file = relative(join(CORPUS, 'workflows'), path);
    return { file, text, result: importN8nWorkflow(text, { source: file }) };
  });
});

describe('importing the 400 real n8n workflows of the corpus', () => {
  it('reads every workflow the manifest lists', () => {
    const listed = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).length;
    expect(results).toHaveLength(listed);
    expect(listed).toBe(400);
  });

  it('imports each one, or refuses it with a reason', () => {
    for (const { file, result } of results) {
      const { report } = result;
      expect(
        report.problems.filter((p) => p.code === 'internal-error'),
        file,
      ).toEqual([]);
      if (report.status === 'refused') {
        expect(result.workflow, file).toBeUndefined();
        expect(report.refusedReason, file).toMatch(/\w/);
      } else expect(result.workflow, file).toBeDefined();
    }
  });

  it('gives workflows that the engine validates', () => {
    for (const { file, result } of results) {
      if (!result.workflow) continue;
      const validation = engine.validate(result.workflow);
      expect(validation.success, `${file}: ${validation.success ? '' : validation.error.message}`).toBe(true);
    }
  });

  it('keeps every n8n node, mapped or as a placeholder keeping its type, version and parameters', () => {
    for (const { file, text, result } of results) {
      const n8n = JSON.parse(text) as { nodes: { name: string; type: string; typeVersion: number; parameters: unknown }[] };
      const nodes = n8n.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
      const { report, workflow } = result;
      expect(report.nodes.total, file).toBe(nodes.length);
      expect(report.nodes.mapped + report.nodes.placeholders, file).toBe(nodes.length);
      expect(report.mapped.length + report.placeholders.length, file).toBe(nodes.length);
      const types = (list: { n8nType?: string; type?: string }[]) => list.map((n) => n.n8nType ?? n.type).sort();
      expect(types([...report.mapped, ...report.placeholders]), file).toEqual(types(nodes));
      for (const placeholder of report.placeholders) {
        const node = workflow!.nodes.find((n) => n.name === placeholder.node)!;
        expect(node.type, file).toMatch(/^core\.placeholder/);
        expect(node.parameters, file).toMatchObject({ originalType: placeholder.n8nType, originalTypeVersion: placeholder.typeVersion });
      }
    }
  });

  it('accounts for every expression and names the node and parameter of each problem', () => {
    for (const { file, result } of results) {
      const e = result.report.expressions;
      expect(e.translated + e.javascript + e.parseFailed + e.inPlaceholders, file).toBe(e.total);
      expect(result.report.notTranslated, file).toHaveLength(e.javascript + e.parseFailed);
      for (const p of result.report.problems) {
        expect(p.message, file).toMatch(/\w/);
        if (['expression-parse', 'unknown-node-reference', 'loose-comparison', 'empty-row'].includes(p.code)) {
          expect(p.node && p.parameter, `${file}: ${p.code}`).toBeTruthy();
        }
      }
    }
  });

  it('lists every credential a node names, with its slot when the node is mapped', () => {
    for (const { file, text, result } of results) {
      const n8n = JSON.parse(text) as { nodes: { credentials?: Record<string, unknown> }[] };
      const named = n8n.nodes.reduce((n, node) => n + Object.keys(node.credentials ?? {}).length, 0);
      expect(result.report.credentials, file).toHaveLength(named);
      for (const c of result.report.credentials.filter((c) => c.slot)) {
        const node = result.workflow!.nodes.find((n) => n.name === c.node)!;
        expect(node.credentials?.[c.slot!], file).toBe(c.n8nId ?? c.name);
      }
    }
  });

  it('gives the same document for the same file every time', () => {
    for (const { file, text, result } of results.slice(0, 100)) {
      expect(importN8nWorkflow(text, { source: file }), file).toEqual(result);
    }
  });

  it('adds the reports up into a table', () => {
    const summary = aggregateImportReports(results.map((r) => r.result.report));
    console.log(`\nn8n corpus import (${summary.workflows} workflows)\n\n${formatImportTable(summary, { top: 20 })}`);
    expect(summary.workflows).toBe(400);
    expect(summary.imported + summary.partial + summary.refused).toBe(400);
    expect(summary.placeholdersByType.reduce((n, p) => n + p.nodes, 0)).toBe(summary.nodes.placeholders);
    // Floors under today's figures, so a change that loses mappings or translations shows here.
    expect(summary.allNodesMapped).toBeGreaterThanOrEqual(30);
    // Every expression of a mapped node is translated or runs as JavaScript; a reference inside text runs as
    // JavaScript (n8n writes values into text its own way), so fewer are translated than are plain references.
    const inMapped = summary.expressions.total - summary.expressions.inPlaceholders;
    expect((summary.expressions.translated + summary.expressions.javascript) / inMapped).toBeGreaterThan(0.999);
    expect(summary.expressions.translated / inMapped).toBeGreaterThan(0.4);
  });
});
