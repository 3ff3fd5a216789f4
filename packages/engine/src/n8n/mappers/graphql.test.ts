import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { silentLogger } from '../../ports/logger.js';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../../testing/test-http-server.node.js';
import { importN8nWorkflow } from '../import-workflow.js';

const engine = createNodeEngine({ logger: silentLogger, http: { allowPrivateNetworks: true } });
afterAll(() => engine.close());
let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Imports one GraphQL node after a Manual Trigger. */
function importOne(typeVersion: number, parameters: Record<string, unknown>, credentials?: Record<string, unknown>) {
  const { workflow, report } = importN8nWorkflow({
    name: 'one',
    nodes: [
      { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      {
        name: 'GraphQL',
        type: 'n8n-nodes-base.graphql',
        typeVersion,
        position: [200, 0],
        parameters,
        ...(credentials ? { credentials } : {}),
      },
    ],
    connections: { Start: { main: [[{ node: 'GraphQL', type: 'main', index: 0 }]] } },
  });
  return { workflow: workflow!, node: workflow!.nodes.find((n) => n.name === 'GraphQL')!, report };
}

// The mutation of corpus Webhook/2007 (version 1, JSON, header auth, variables written as a template of JSON).
const FILE_CREATE =
  'mutation fileCreate($files: [FileCreateInput!]!) {\n  fileCreate(files: $files) {\n    files {\n      id\n    }\n  }\n}';

describe('GraphQL: mapping', () => {
  it('maps a JSON request whose variables are a template of JSON text, and its header credential (corpus 2007)', () => {
    const { node, report } = importOne(
      1,
      {
        query: FILE_CREATE,
        endpoint: 'https://shop.example.com/admin/api/2024-01/graphql.json',
        variables: '={\n  "files": {\n    "alt": "{{ $json.body.name }}",\n    "contentType": "IMAGE"\n  }\n}',
        requestFormat: 'json',
        authentication: 'headerAuth',
      },
      { httpHeaderAuth: { id: 'Z98', name: 'Header Auth Shopify' } },
    );
    expect(report.placeholders).toEqual([]);
    expect(node.type).toBe('core.graphql');
    expect(node.parameters).toMatchObject({
      endpoint: 'https://shop.example.com/admin/api/2024-01/graphql.json',
      method: 'POST',
      requestFormat: 'json',
      query: FILE_CREATE,
      responseFormat: 'json',
    });
    expect(typeof node.parameters.variables).toBe('string');
    expect(node.credentials).toEqual({ auth: 'Z98' });
    expect(report.credentials).toEqual([expect.objectContaining({ n8nType: 'httpHeaderAuth', slot: 'auth' })]);
  });

  it('keeps version 1 sending the raw query when no request format is set, and version 1.1 sending JSON', () => {
    expect(importOne(1, { endpoint: 'https://a.example/graphql', query: '{ a }' }).node.parameters).toMatchObject({
      requestFormat: 'graphql',
    });
    expect(importOne(1.1, { endpoint: 'https://a.example/graphql', query: '{ a }' }).node.parameters).toMatchObject({
      requestFormat: 'json',
    });
  });

  it('maps GET, headers, the string response format and its field, and warns about ignored certificate errors', () => {
    const { node, report } = importOne(1.1, {
      requestMethod: 'GET',
      endpoint: 'https://a.example/graphql',
      query: '{ a }',
      allowUnauthorizedCerts: true,
      responseFormat: 'string',
      dataPropertyName: 'raw',
      headerParametersUi: { parameter: [{ name: 'X-Api-Version', value: 2 }] },
    });
    expect(node.parameters).toMatchObject({
      method: 'GET',
      responseFormat: 'string',
      dataField: 'raw',
      headers: [{ name: 'X-Api-Version', value: '2' }],
    });
    expect(node.parameters.requestFormat).toBeUndefined();
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'certificates', parameter: 'allowUnauthorizedCerts' }));
  });

  it('maps every authentication choice to its n8n credential type', () => {
    const choices = {
      basicAuth: 'httpBasicAuth',
      customAuth: 'httpCustomAuth',
      digestAuth: 'httpDigestAuth',
      queryAuth: 'httpQueryAuth',
      oAuth1: 'oAuth1Api',
      oAuth2: 'oAuth2Api',
    };
    for (const [authentication, n8nType] of Object.entries(choices)) {
      const { report } = importOne(
        1.1,
        { endpoint: 'https://a.example/graphql', query: '{ a }', authentication },
        { [n8nType]: { id: 'c1', name: 'c' } },
      );
      expect(report.credentials, authentication).toEqual([expect.objectContaining({ n8nType, slot: 'auth' })]);
    }
  });

  it("leaves version 1.2's WebSocket subscriptions as a placeholder", () => {
    const { node, report } = importOne(1.2, {
      connectionMode: 'websocket',
      websocketUrl: 'wss://a.example/graphql',
      websocketQuery: 'subscription { a }',
    });
    expect(node.type).toBe('core.placeholder');
    expect(report.placeholders).toEqual([expect.objectContaining({ n8nType: 'n8n-nodes-base.graphql', parameter: 'connectionMode' })]);
  });
});

describe('GraphQL: imported workflows run', () => {
  it('send the JSON body n8n sends: the query, the variables parsed from the template, and a null operation name', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { data: { fileCreate: { files: [{ id: 'f1' }] } } }));
    const { workflow } = importOne(1, {
      query: FILE_CREATE,
      endpoint: `${server.url}/admin/api/2024-01/graphql.json`,
      variables: '={\n  "files": {\n    "alt": "{{ $json.name }}",\n    "contentType": "IMAGE"\n  }\n}',
      requestFormat: 'json',
    });
    const e = await engine.run(workflow, { input: [{ json: { name: 'Summer sale' } }] });
    expect(e.status, JSON.stringify(e.error)).toBe('success');
    expect(e.nodes[workflow.nodes[1]!.id]![0]!.output.main![0]!.json).toEqual({ data: { fileCreate: { files: [{ id: 'f1' }] } } });
    const seen = server.requests[0]!;
    expect(seen.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen.body.toString('utf8'))).toEqual({
      query: FILE_CREATE,
      variables: { files: { alt: 'Summer sale', contentType: 'IMAGE' } },
      operationName: null,
    });
  });

  it('send a version 1 query alone, its expression filled in, as application/graphql (corpus 0373)', async () => {
    server = await startTestHttpServer((_req, res) =>
      sendJson(res, 200, { data: { inventoryItem: { id: 'gid://shopify/InventoryItem/42' } } }),
    );
    const { workflow } = importOne(1, {
      query: '={\n  inventoryItem(id: "gid://shopify/InventoryItem/{{ $json.inventory_tem }}") {\n    id\n  }\n}',
      endpoint: `${server.url}/admin/api/2023-10/graphql.json`,
    });
    const e = await engine.run(workflow, { input: [{ json: { inventory_tem: 42 } }] });
    expect(e.status, JSON.stringify(e.error)).toBe('success');
    const seen = server.requests[0]!;
    expect([seen.headers['content-type'], seen.body.toString('utf8')]).toEqual([
      'application/graphql',
      '{\n  inventoryItem(id: "gid://shopify/InventoryItem/42") {\n    id\n  }\n}',
    ]);
  });
});
