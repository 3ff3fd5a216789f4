import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../model/workflow.js';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { importN8nWorkflow } from '../import-workflow.js';

/** Real n8n nodes copied from the corpus (see fixtures/README.md). */
interface CorpusNode {
  source: string;
  node: { name: string; type: string; typeVersion: number; parameters: Record<string, unknown> } & Record<string, unknown>;
}
const corpus = JSON.parse(readFileSync(new URL('../fixtures/corpus-nodes.json', import.meta.url), 'utf8')) as CorpusNode[];

/** The first corpus node of an n8n type (`html`, `xml`...) from a workflow file whose name holds `source`. */
function corpusNode(source: string, type: string): CorpusNode['node'] {
  const found = corpus.find((c) => c.source.includes(source) && c.node.type === `n8n-nodes-base.${type}`);
  if (!found) throw new Error(`no corpus node of type ${type} from ${source} in fixtures/corpus-nodes.json`);
  return found.node;
}

const trigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
const noOp = (name: string) => ({ name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} });
const main = (...targets: [string, number][]) => ({ main: [targets.map(([node, index]) => ({ node, type: 'main', index }))] });

/** Imports a corpus node after a Manual Trigger; the result must validate. */
function importOne(source: string, type: string) {
  const node = corpusNode(source, type);
  const { workflow, report } = importN8nWorkflow({ name: 'one', nodes: [trigger, node], connections: { Start: main([node.name, 0]) } });
  expect(createEngine({ logger: silentLogger }).validate(workflow).success).toBe(true);
  return { node: workflow!.nodes.find((n) => n.name === node.name)!, report };
}

const engine = createEngine({ logger: silentLogger });
const outputOf = (execution: Awaited<ReturnType<typeof engine.run>>, workflow: Workflow, name: string, port = 'main') =>
  execution.nodes[workflow.nodes.find((n) => n.name === name)!.id]?.[0]?.output[port]?.map((i) => i.json);

describe('HTML and HTML Extract', () => {
  it('maps extraction by CSS selector, with n8n’s options', () => {
    expect(importOne('0805_Form_Html', 'html').node).toMatchObject({
      type: 'core.html',
      parameters: {
        operation: 'extract',
        dataPropertyName: 'body',
        extractionValues: [
          { key: 'title', cssSelector: 'title', returnValue: 'text', returnArray: false },
          { key: 'body', cssSelector: 'body', returnValue: 'text', returnArray: false },
        ],
        trimValues: true,
        cleanUpText: false,
      },
    });
  });

  it('maps the older HTML Extract reading a file', () => {
    const { node } = importOne('0178_Functionitem', 'htmlExtract');
    expect(node.parameters).toMatchObject({ operation: 'extract', sourceData: 'binary', binaryProperty: 'data' });
  });

  it('maps a template, translating the {{ }} n8n resolves in it', () => {
    const { node, report } = importOne('0428_Splitout_GoogleCalendar', 'html');
    expect(node.parameters.operation).toBe('template');
    expect(node.parameters.html).toMatch(/<title>Social media activity for company: \{\{.*\$json\.name.*\}\}<\/title>/);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'html-template-escaping' }));
  });

  it('maps Convert to HTML Table', () => {
    expect(importOne('1751_Filter_Schedule', 'html').node.parameters).toEqual({ operation: 'toTable', capitalize: false });
  });
});

describe('XML, Markdown, Compression, RSS Read', () => {
  it('maps XML to JSON with xml2js’s options, and JSON to XML', () => {
    expect(importOne('1143_Splitout_Filter', 'xml').node.parameters).toMatchObject({
      operation: 'xmlToJson',
      ignoreAttributes: true,
      trim: true,
      normalize: true,
      normalizeTags: true,
    });
    expect(importOne('1401_Code_Webhook', 'xml').node.parameters).toMatchObject({ operation: 'jsonToXml', headless: true });
  });

  it('maps Markdown both ways, with the tags n8n ignores and the GitHub options', () => {
    expect(importOne('0520_Splitout_Filter', 'markdown').node.parameters).toMatchObject({
      mode: 'htmlToMarkdown',
      removeTags: 'a, img',
      bulletListMarker: '*',
    });
    const { node, report } = importOne('2054_Deep_Research', 'markdown');
    expect(node.parameters).toMatchObject({ mode: 'markdownToHtml', gfm: true, breaks: false });
    expect(report.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['markdown-heading-ids', 'markdown-renderer']));
  });

  it('leaves n8n’s emoji shortcodes as a placeholder, which Flowloom does not render', () => {
    const node = corpusNode('1822_Baserow', 'markdown');
    const { report } = importN8nWorkflow({ name: 'one', nodes: [trigger, node], connections: { Start: main([node.name, 0]) } });
    expect(report.placeholders).toEqual([
      expect.objectContaining({ n8nType: 'n8n-nodes-base.markdown', reason: expect.stringMatching(/options\.emoji/) }),
    ]);
  });

  it('maps zip compression', () => {
    expect(importOne('0593_Awss3_Compression', 'compression').node.parameters).toEqual({
      operation: 'compress',
      binaryProperty: expect.stringMatching(/Object\.keys\(\$binary\)/),
      format: 'zip',
      fileName: 's3-export.zip',
      outputBinaryProperty: 'data',
    });
  });

  it('maps RSS Read, and keeps a node that ignores certificate errors as a placeholder', () => {
    expect(importOne('1278_Code_Schedule', 'rssFeedRead').node).toMatchObject({
      type: 'core.rssRead',
      parameters: { url: '{{ $json.rss_feed_url }}' },
    });
    const ignoring = corpusNode('1302_Trello', 'rssFeedRead');
    const { report } = importN8nWorkflow({ name: 'one', nodes: [trigger, ignoring], connections: { Start: main([ignoring.name, 0]) } });
    expect(report.placeholders[0]?.reason).toMatch(/ignoreSSL/);
  });
});

describe('Compare Datasets', () => {
  it('maps fields, the mix resolution and the four outputs, and runs on pinned data', async () => {
    const compare = corpusNode('1498_Stopanderror', 'compareDatasets');
    const n8n = {
      name: 'compare',
      nodes: [trigger, noOp('A'), noOp('B'), compare, noOp('Only A'), noOp('Same'), noOp('Different'), noOp('Only B')],
      connections: {
        Start: main(['A', 0], ['B', 0]),
        A: main([compare.name, 0]),
        B: main([compare.name, 1]),
        [compare.name]: {
          main: [0, 1, 2, 3].map((i) => [{ node: ['Only A', 'Same', 'Different', 'Only B'][i], type: 'main', index: 0 }]),
        },
      },
      pinData: {
        A: [
          { json: { clockify_client_id: 1, name: 'Acme' } },
          { json: { clockify_client_id: 2, name: 'Bolt' } },
          { json: { clockify_client_id: 3, name: 'Cog' } },
        ],
        B: [
          { json: { clockify_client_id: 2, name: 'Bolt Ltd' } },
          { json: { clockify_client_id: 3, name: 'Cog' } },
          { json: { clockify_client_id: 4, name: 'Dyn' } },
        ],
      },
    };
    const { workflow, report } = importN8nWorkflow(n8n);
    expect(report.placeholders).toEqual([]);
    const node = workflow!.nodes.find((n) => n.name === compare.name)!;
    expect(node).toMatchObject({
      type: 'core.compareDatasets',
      parameters: { fields: [{ fieldA: 'clockify_client_id', fieldB: 'clockify_client_id' }], resolve: 'mix', preferWhenMix: 'preferA' },
    });
    expect(
      workflow!.connections
        .filter((c) => c.to.node === node.id)
        .map((c) => c.to.port)
        .sort(),
    ).toEqual(['inputA', 'inputB']);
    expect(workflow!.connections.filter((c) => c.from.node === node.id).map((c) => c.from.port)).toEqual([
      'inAOnly',
      'same',
      'different',
      'inBOnly',
    ]);
    const execution = await engine.run(workflow!);
    expect(execution.status).toBe('success');
    expect(outputOf(execution, workflow!, 'Only A')).toEqual([{ clockify_client_id: 1, name: 'Acme' }]);
    expect(outputOf(execution, workflow!, 'Same')).toEqual([{ clockify_client_id: 3, name: 'Cog' }]);
    expect(outputOf(execution, workflow!, 'Different')).toEqual([{ clockify_client_id: 2, name: 'Bolt' }]);
    expect(outputOf(execution, workflow!, 'Only B')).toEqual([{ clockify_client_id: 4, name: 'Dyn' }]);
  });

  it('maps skipped fields, and B’s version by default', () => {
    expect(importOne('1738_Schedule_Comparedatasets', 'compareDatasets').node.parameters).toMatchObject({
      resolve: 'preferB',
      skipFields: 'record_created, record_updated, id',
    });
  });
});
