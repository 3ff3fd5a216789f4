import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeCodeSandbox } from '../../node/node-code-sandbox.js';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { createTestClock } from '../../testing/test-clock.js';
import { importN8nWorkflow } from '../import-workflow.js';
import { unsupportedCodeFeatures } from './code.js';

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

const sandbox = createNodeCodeSandbox({ maxWorkers: 1 });
afterAll(() => sandbox.close());

interface N8nNode {
  name: string;
  type: string;
  typeVersion: number;
  position: number[];
  parameters: Record<string, unknown>;
}

function corpusNode(file: string, name: string): N8nNode {
  const workflow = JSON.parse(readFileSync(join(CORPUS, 'workflows', file), 'utf8')) as { nodes: N8nNode[] };
  const node = workflow.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node named ${name} in ${file}`);
  return node;
}

/** An n8n workflow: a manual trigger, one pinned No Operation node named `upstream`, then `node`. */
function around(node: N8nNode, upstream: string, items: Record<string, unknown>[]) {
  return {
    name: 'Code import',
    nodes: [
      { name: 'When clicking', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      { name: upstream, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
      node,
    ],
    connections: {
      'When clicking': { main: [[{ node: upstream, type: 'main', index: 0 }]] },
      [upstream]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
    },
    pinData: { [upstream]: items.map((json) => ({ json })) },
  };
}

/** Imports `n8n` (no placeholders allowed), runs it with `env`, and answers the node's run. */
async function runImported(n8n: ReturnType<typeof around>, name: string, env?: Record<string, unknown>) {
  const { workflow, report } = importN8nWorkflow(n8n);
  expect(report.placeholders).toEqual([]);
  const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, ...(env ? { env } : {}) });
  const execution = await engine.run(workflow!);
  const run = execution.nodes[workflow!.nodes.find((n) => n.name === name)!.id]![0]!;
  expect(run.error).toBeUndefined();
  return { run, report };
}

describe("n8n Code nodes using Node's Buffer", () => {
  it("imports and runs 'Convert HTML to File' (0519): the page as a base64 file, as Node's Buffer encodes it", async () => {
    const node = corpusNode('Code/0519_Code_Manual_Create_Webhook.json', 'Convert HTML to File');
    const html = '<html><body><h1>Résumé €</h1><p>\u{1F600}</p></body></html>';
    const { run } = await runImported(around(node, 'Create HTML', [{ data: html }]), node.name);
    expect(run.output.main?.[0]?.binary).toEqual({
      data: { data: Buffer.from(html, 'utf8').toString('base64'), mimeType: 'application/octet-stream', fileName: 'file.html' },
    });
  });

  it('imports the legacy Function node that builds a file with new Buffer() (1579)', () => {
    const node = corpusNode('Wait/1579_Wait_Manual_Automation_Webhook.json', 'Create a binary data');
    const { workflow, report } = importN8nWorkflow(around(node, 'Before', []));
    expect(report.placeholders).toEqual([]);
    expect(workflow!.nodes.find((n) => n.name === node.name)?.type).toBe('core.code');
  });
});

describe('n8n Code nodes using $env', () => {
  const node = corpusNode('Splitout/1468_Splitout_Code_Automation_Webhook.json', 'channel_links_tg');
  const updates = [
    { channel_post: { message_id: 1, chat: { id: -1001 }, text: 'see https://example.com/a' } },
    { channel_post: { message_id: 2, chat: { id: -1002 }, text: 'https://example.com/b' } },
    { channel_post: { message_id: 3, chat: { id: -1001 }, text: 'no link here' } },
    { message: { message_id: 4 } },
  ];

  it("imports 'channel_links_tg' (1468) with a warning that $env holds only what the host exposes", () => {
    const { report } = importN8nWorkflow(around(node, 'channel_items_tg', [{ result: updates }]));
    expect(report.placeholders).toEqual([]);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'code-env', severity: 'warning', node: 'channel_links_tg' }));
  });

  it("runs it with the host's env: the channel's posts with a link", async () => {
    const { run } = await runImported(around(node, 'channel_items_tg', [{ result: updates }]), node.name, { TG_SHERLINK_ID: '-1001' });
    expect(run.output.main?.map((i) => i.json)).toEqual([{ id: 1, url: 'see https://example.com/a' }]);
  });

  it('runs it with no env from the host: $env is empty, so no chat id matches', async () => {
    const { run } = await runImported(around(node, 'channel_items_tg', [{ result: updates }]), node.name);
    expect(run.output.main ?? []).toEqual([]);
  });
});

/** The n8n workflow of a corpus file. */
function corpusWorkflow(file: string): Record<string, unknown> & { nodes: N8nNode[] } {
  return JSON.parse(readFileSync(join(CORPUS, 'workflows', file), 'utf8')) as Record<string, unknown> & { nodes: N8nNode[] };
}

// n8n's documentation of getWorkflowStaticData: an object kept between the production runs of a workflow (those a
// trigger or webhook starts, not tests from the editor), `global` shared by its nodes; the legacy Function nodes name
// it `getWorkflowStaticData`, the Code node `$getWorkflowStaticData`.
describe('n8n code using workflow static data', () => {
  it('imports and runs 0630, which renews an access token once a minute, keeping it in the static data', async () => {
    const { workflow, report } = importN8nWorkflow(corpusWorkflow('Code/0630_Code_Webhook_Create_Scheduled.json'));
    expect(report.placeholders).toEqual([]);
    const start = Date.UTC(2026, 0, 1, 8, 0, 0);
    const clock = createTestClock({ start });
    const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, clock });
    const id = (name: string) => workflow!.nodes.find((n) => n.name === name)!.id;
    // Called by its webhook; the token request answers with the data pinned in the workflow ({ AccessToken: '5763273631' }).
    const call = async () => {
      const execution = await engine.run(workflow!, { mode: 'webhook', startNode: 'Webhook', input: [{ json: {} }], usePinData: true });
      expect(execution.error).toBeUndefined();
      const ran = (name: string) => execution.nodes[id(name)] !== undefined;
      return { renewed: ran('get new accessToken'), token: execution.nodes[id('continue with valid token')]?.[0]?.output.main?.[0]?.json };
    };
    // First call: the static data is empty, so the first node starts it with token 0 and the time of the call.
    expect(await call()).toEqual({ renewed: false, token: { accessToken: 0, timestamp: '2026-01-01T08:00:00.000Z' } });
    // Two minutes later that time is too old: a new token is fetched and kept with the time it was fetched.
    clock.advance(120_000);
    expect(await call()).toEqual({ renewed: true, token: { accessToken: '5763273631', timestamp: '2026-01-01T08:02:00.000Z' } });
    // Half a minute later the kept token is still valid: no request.
    clock.advance(30_000);
    expect(await call()).toEqual({ renewed: false, token: { accessToken: '5763273631', timestamp: '2026-01-01T08:02:00.000Z' } });
  });

  it("imports and runs 0976's Function node, which sends on only the starred articles newer than the last it saw", async () => {
    expect(importN8nWorkflow(corpusWorkflow('Manual/0976_Manual_HTTP_Automation_Webhook.json')).report.placeholders).toEqual([]);
    const node = corpusNode('Manual/0976_Manual_HTTP_Automation_Webhook.json', 'Function');
    const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger });
    const poll = async (ids: number[]) => {
      const feed = { content: ids.map((id) => ({ id, link: `https://example.com/${id}`, tags: ['rss'] })) };
      const { workflow, report } = importN8nWorkflow(around(node, 'Merge', [feed, { access_token: 'tok' }]));
      expect(report.placeholders).toEqual([]);
      // A run its Cron starts, as the workflow is meant to run: the static data is kept.
      const execution = await engine.run({ ...workflow!, id: 'wf-0976' }, { mode: 'schedule', usePinData: true });
      expect(execution.error).toBeUndefined();
      return execution.nodes[workflow!.nodes.find((n) => n.name === 'Function')!.id]![0]!.output.main!.map((i) => i.json);
    };
    const article = (id: number, lastId?: number) => ({ id, lastId, url: `https://example.com/${id}`, tags: ['rss'], access_token: 'tok' });
    expect(await poll([3, 2])).toEqual([article(3), article(2)]);
    expect(await poll([3, 2])).toEqual([{ id: 'Nan', lastId: 3 }]);
    expect(await poll([5, 4, 3, 2])).toEqual([article(5, 3), article(4, 3)]);
    expect(await engine.storage.keyValue!.get('default', 'workflow.staticData:wf-0976', 'global')).toEqual({ lastStarRssId: 5 });
  });

  it("binds the legacy nodes' getWorkflowStaticData only where the code names it", () => {
    const wrapped = (type: string, functionCode: string) => {
      const n8n = around({ name: 'F', type, typeVersion: 1, position: [400, 0], parameters: { functionCode } }, 'Before', []);
      const { workflow } = importN8nWorkflow(n8n);
      return workflow!.nodes.find((n) => n.name === 'F')!.parameters.code as string;
    };
    const alias = 'const getWorkflowStaticData = $getWorkflowStaticData;';
    expect(wrapped('n8n-nodes-base.function', "const s = getWorkflowStaticData('node'); return items;")).toContain(alias);
    expect(wrapped('n8n-nodes-base.functionItem', "getWorkflowStaticData('global').n = 1; return item;")).toContain(alias);
    expect(wrapped('n8n-nodes-base.function', "const s = $getWorkflowStaticData('node'); return items;")).not.toContain(alias);
    expect(wrapped('n8n-nodes-base.function', 'return items;')).not.toContain(alias);
  });
});

describe('what the Code node still does not provide', () => {
  it.each([
    ['const fs = require("fs"); return [];', "require('fs')"],
    ["const { Buffer: B } = require('buffer'); return [];", "require('buffer')"],
    ['return [{ json: { home: process.env.HOME } }];', "Node's process"],
    ['const data = this.helpers.httpRequest({ url: "x" }); return [];', 'this.helpers'],
  ])('refuses %s', (code, label) => {
    expect(unsupportedCodeFeatures(code)).toContain(label);
  });

  it('accepts Buffer and $env', () => {
    const code =
      "const b = Buffer.from($env.KEY, 'base64'); return [{ json: { ok: Buffer.isBuffer(b), n: Buffer.byteLength('x'), c: Buffer.concat([b]).length } }];";
    expect(unsupportedCodeFeatures(code)).toEqual([]);
  });

  it('keeps a node using process.env as a placeholder, with its source', () => {
    const code = 'return [{ json: { key: process.env.API_KEY } }];';
    const n8n = around(
      { name: 'Read env', type: 'n8n-nodes-base.code', typeVersion: 2, position: [400, 0], parameters: { jsCode: code } },
      'Before',
      [],
    );
    const { workflow, report } = importN8nWorkflow(n8n);
    expect(report.placeholders.map((p) => p.node)).toEqual(['Read env']);
    expect(report.placeholders[0]?.reason).toContain("the code uses Node's process, which Flowloom's Code node does not provide");
    expect(workflow!.nodes.find((n) => n.name === 'Read env')?.parameters).toMatchObject({ originalParameters: { jsCode: code } });
  });
});
