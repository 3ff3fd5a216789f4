import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { silentLogger } from '../../ports/logger.js';
import { sendJson, startTestHttpServer } from '../../testing/test-http-server.node.js';
import { importN8nWorkflow } from '../import-workflow.js';

const engine = createNodeEngine({ logger: silentLogger, http: { allowPrivateNetworks: true } });
afterAll(() => engine.close());

/** An n8n HTTP Request v4.1 whose query and header values are JavaScript expressions giving numbers, a list and nothing. */
function request(url: string) {
  return importN8nWorkflow({
    nodes: [
      { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      {
        name: 'Transfers',
        type: 'n8n-nodes-base.httpRequest',
        typeVersion: 4.1,
        position: [200, 0],
        parameters: {
          url,
          sendQuery: true,
          queryParameters: {
            parameters: [
              // From the corpus (0386): a bitwise or that gives the number 20 when the field is missing.
              { name: 'limit', value: "={{ $json['Number of transactions to retrieve'] | '20' }}" },
              { name: 'ids', value: '={{ [1, 2] }}' },
              { name: 'none', value: '={{ [][0] }}' },
            ],
          },
          sendHeaders: true,
          headerParameters: { parameters: [{ name: 'X-Page', value: '={{ 1 + 1 }}' }] },
          options: {},
        },
      },
    ],
    connections: { Start: { main: [[{ node: 'Transfers', type: 'main', index: 0 }]] } },
  });
}

describe('HTTP Request values given by JavaScript expressions', () => {
  it('are sent as text, as n8n sends them (empty for nothing)', async () => {
    const server = await startTestHttpServer((_, res) => sendJson(res, 200, {}));
    try {
      const { workflow, report } = request(`${server.url}/transfers`);
      expect(report.placeholders).toEqual([]);
      const execution = await engine.run(workflow!);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      const seen = new URL(server.requests[0]!.url, server.url);
      expect(Object.fromEntries(seen.searchParams)).toEqual({ limit: '20', ids: '1,2', none: '' });
      expect(server.requests[0]!.headers['x-page']).toBe('2');
    } finally {
      await server.close();
    }
  });
});

describe('HTTP Request values given by a plain reference', () => {
  it('are sent empty for a field that is missing or null, as the JavaScript ones are (corpus 1946)', async () => {
    const server = await startTestHttpServer((_, res) => sendJson(res, 200, {}));
    try {
      const { workflow, report } = importN8nWorkflow({
        nodes: [
          { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
          {
            name: 'Servers',
            type: 'n8n-nodes-base.httpRequest',
            typeVersion: 4.2,
            position: [200, 0],
            parameters: {
              url: `${server.url}/servers`,
              sendQuery: true,
              queryParameters: {
                parameters: [
                  { name: 'missing', value: '={{ $json.zone }}' },
                  { name: 'nothing', value: '={{ $json.none }}' },
                  { name: 'count', value: '={{ $json.count }}' },
                ],
              },
              sendHeaders: true,
              headerParameters: { parameters: [{ name: 'X-Auth-Token', value: "={{ $json['Auth-Token'] }}" }] },
              options: {},
            },
          },
        ],
        connections: { Start: { main: [[{ node: 'Servers', type: 'main', index: 0 }]] } },
        pinData: { Start: [{ json: { none: null, count: 0 } }] },
      });
      expect(report.placeholders).toEqual([]);
      const execution = await engine.run(workflow!, { input: [{ json: { none: null, count: 0 } }] });
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      const seen = new URL(server.requests[0]!.url, server.url);
      expect(Object.fromEntries(seen.searchParams)).toEqual({ missing: '', nothing: '', count: '0' });
      expect(server.requests[0]!.headers['x-auth-token']).toBe('');
    } finally {
      await server.close();
    }
  });
});

/** An n8n HTTP Request v4.2 whose query is computed JSON, as corpus 1897 writes it (`={{ $json.toJsonString() }}`). */
function computedQuery(url: string, jsonQuery: string) {
  return importN8nWorkflow({
    nodes: [
      { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      {
        name: 'Update Task',
        type: 'n8n-nodes-base.httpRequest',
        typeVersion: 4.2,
        position: [200, 0],
        parameters: { url, method: 'POST', options: {}, jsonQuery, sendQuery: true, specifyQuery: 'json' },
      },
    ],
    connections: { Start: { main: [[{ node: 'Update Task', type: 'main', index: 0 }]] } },
  });
}

describe('HTTP Request query given as computed JSON', () => {
  it('maps the form corpus 1897 writes (Todoist), keeping the expression', () => {
    const { workflow, report } = computedQuery('https://api.todoist.com/rest/v2/tasks', '={{ $json.toJsonString() }}');
    expect(report.placeholders).toEqual([]);
    expect(workflow!.nodes[1]!.parameters.query).toMatch(/^\{\{js: [^]*\$json\.toJsonString\(\)[^]*\}\}$/);
  });

  it("sends each entry of the expression's JSON object, as n8n does (null as empty)", async () => {
    const server = await startTestHttpServer((_, res) => sendJson(res, 200, {}));
    try {
      const { workflow, report } = computedQuery(
        `${server.url}/tasks`,
        "={{ JSON.stringify({ id: 7, content: 'Buy milk', done: false, due: null }) }}",
      );
      expect(report.placeholders).toEqual([]);
      const execution = await engine.run(workflow!);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      const seen = new URL(server.requests[0]!.url, server.url);
      expect([...seen.searchParams]).toEqual([
        ['id', '7'],
        ['content', 'Buy milk'],
        ['done', 'false'],
        ['due', ''],
      ]);
    } finally {
      await server.close();
    }
  });

  it("writes lists and objects in the query as n8n's query string does (labels[0]=…, owner[name]=…)", async () => {
    const server = await startTestHttpServer((_, res) => sendJson(res, 200, {}));
    try {
      const { workflow } = computedQuery(`${server.url}/tasks`, "={{ JSON.stringify({ labels: ['a', 'b'], owner: { name: 'Ann' } }) }}");
      const execution = await engine.run(workflow!);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      expect([...new URL(server.requests[0]!.url, server.url).searchParams]).toEqual([
        ['labels[0]', 'a'],
        ['labels[1]', 'b'],
        ['owner[name]', 'Ann'],
      ]);
    } finally {
      await server.close();
    }
  });
});

// n8n's v3 and v4 write a File answer to the binary property "Put Output in Field" names (outputPropertyName).
describe('HTTP Request v4: file answers', () => {
  it('writes the file to the binary property outputPropertyName names', async () => {
    const server = await startTestHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(Buffer.from('%PDF-1.4'));
    });
    try {
      const { workflow, report } = importN8nWorkflow({
        nodes: [
          { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
          {
            name: 'Download',
            type: 'n8n-nodes-base.httpRequest',
            typeVersion: 4.2,
            position: [200, 0],
            parameters: {
              url: `${server.url}/invoice.pdf`,
              options: { response: { response: { responseFormat: 'file', outputPropertyName: 'invoice' } } },
            },
          },
        ],
        connections: { Start: { main: [[{ node: 'Download', type: 'main', index: 0 }]] } },
      });
      expect(report.placeholders).toEqual([]);
      const node = workflow!.nodes.find((n) => n.name === 'Download')!;
      expect(node.parameters).toMatchObject({ responseFormat: 'binary', fileProperty: 'invoice' });
      const execution = await engine.run(workflow!);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      const [item] = execution.nodes[node.id]?.[0]?.output.main ?? [];
      expect(Object.keys(item!.binary ?? {})).toEqual(['invoice']);
      expect(item!.binary!.invoice).toMatchObject({ mimeType: 'application/pdf', fileName: 'invoice.pdf' });
    } finally {
      await server.close();
    }
  });
});
