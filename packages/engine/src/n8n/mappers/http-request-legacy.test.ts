import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { silentLogger } from '../../ports/logger.js';
import { sendJson, startTestHttpServer } from '../../testing/test-http-server.node.js';
import { importN8nWorkflow } from '../import-workflow.js';

/** Real n8n nodes copied from the corpus (see fixtures/README.md). */
interface CorpusNode {
  source: string;
  node: { name: string; type: string; typeVersion: number; parameters: Record<string, unknown> } & Record<string, unknown>;
}
/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;
const corpus = JSON.parse(readFileSync(new URL('../fixtures/corpus-nodes.json', import.meta.url), 'utf8')) as CorpusNode[];

/** The corpus HTTP Request node of a version from a workflow file whose name holds `source`, whose parameters mention `holding`. */
function corpusNode(source: string, version: number, holding = ''): CorpusNode['node'] {
  const found = corpus.find(
    (c) =>
      c.source.includes(source) &&
      c.node.type === 'n8n-nodes-base.httpRequest' &&
      c.node.typeVersion === version &&
      JSON.stringify(c.node.parameters).includes(holding),
  );
  if (!found) throw new Error(`no HTTP Request v${version} from ${source} in fixtures/corpus-nodes.json`);
  return found.node;
}

const trigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

/** Imports one HTTP Request node after a Manual Trigger. */
function importOne(node: Record<string, unknown> & { name: string }) {
  const { workflow, report } = importN8nWorkflow({
    name: 'one',
    nodes: [trigger, node],
    connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
  });
  return { workflow: workflow!, node: workflow!.nodes.find((n) => n.name === node.name)!, report };
}

const engine = createNodeEngine({ logger: silentLogger, http: { allowPrivateNetworks: true } });
afterAll(() => engine.close());

const request = (version: number, parameters: Record<string, unknown>) => ({
  name: 'Call',
  type: 'n8n-nodes-base.httpRequest',
  typeVersion: version,
  position: [200, 0],
  parameters,
});

describe('HTTP Request versions 1 and 2: mapping', () => {
  it('maps a POST whose body, query and headers are listed one by one (v1, corpus 0077)', () => {
    const { node, report } = importOne(corpusNode('0077_HTTP_Noop', 1));
    expect(report.placeholders).toEqual([]);
    expect(node.type).toBe('core.httpRequest');
    expect(node.parameters).toMatchObject({
      method: 'POST',
      bodyType: 'json',
      headers: [{ name: 'Accept', value: 'application/json,text/*;q=0.99' }],
      responseFormat: 'json',
      splitArrays: false,
      timeoutMs: 3_600_000,
    });
    expect(Object.keys(node.parameters.jsonBody as object)).toEqual(['message', 'alias', 'description']);
  });

  it("keeps v1's credential choice as the auth slot (headerAuth reads an httpHeaderAuth credential)", () => {
    const { report } = importOne({ ...corpusNode('0077_HTTP_Noop', 1), credentials: { httpHeaderAuth: { id: '7', name: 'Opsgenie' } } });
    expect(report.credentials).toEqual([expect.objectContaining({ n8nType: 'httpHeaderAuth', slot: 'auth' })]);
  });

  it('maps v2 with a predefined credential type (corpus 0245, Stripe)', () => {
    const { node, report } = importOne(corpusNode('0245_HTTP_Stripe', 2));
    expect(report.placeholders).toEqual([]);
    expect(node.parameters).toMatchObject({ method: 'GET', url: 'https://api.stripe.com/v1/customers/search' });
  });

  it('maps the String response format to text, warning that n8n read JSON answers as data (corpus 0260)', () => {
    const { node, report } = importOne(corpusNode('0260_Webhook_Respondtowebhook', 2));
    expect(report.placeholders).toEqual([]);
    expect(node.parameters).toMatchObject({ responseFormat: 'text', timeoutMs: 3_600_000 });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'response-format', parameter: 'responseFormat' }));
  });

  it('sends the JSON/RAW headers and the body given as JSON text with expressions, with the MIME type as Content-Type (corpus 0505 form)', () => {
    const { node, report } = importOne(
      request(1, {
        url: '=https://URLSERVERNEXTCLOUD/ocs/v2.php/apps/spreed/api/v1/chat/DISCUSSIONCODE',
        options: { bodyContentType: 'json', bodyContentCustomMimeType: 'application/json' },
        requestMethod: 'POST',
        authentication: 'basicAuth',
        jsonParameters: true,
        bodyParametersJson: '={\n"message":"Low credits. Balance = {{ $json["credits"] }}"\n}',
        headerParametersJson: '={"OCS-APIRequest":"true"}',
      }),
    );
    expect(report.placeholders).toEqual([]);
    expect(node.parameters).toMatchObject({
      bodyType: 'json',
      headers: [
        { name: 'OCS-APIRequest', value: 'true' },
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Accept', value: 'application/json,text/*;q=0.99' },
      ],
    });
    expect(typeof node.parameters.jsonBody).toBe('string');
    expect(node.parameters.jsonBody).toContain('{{');
  });

  it('sends item files as multipart fields named field:binary (corpus 1393 form)', () => {
    const { node, report } = importOne(
      request(1, {
        url: 'https://api.twitter.com/1.1/account/update_profile_banner.json',
        options: { bodyContentType: 'multipart-form-data' },
        requestMethod: 'POST',
        authentication: 'oAuth1',
        jsonParameters: true,
        sendBinaryData: true,
        binaryPropertyName: 'banner:bg',
      }),
    );
    expect(report.placeholders).toEqual([]);
    expect(node.parameters).toMatchObject({ bodyType: 'multipart', multipartFields: [{ name: 'banner', binaryProperty: 'bg' }] });
  });

  it('writes a file answer to the binary property dataPropertyName names (corpus 0137)', () => {
    const doc = JSON.parse(readFileSync(join(CORPUS, 'workflows', 'Manual/0137_Manual_Editimage_Create_Webhook.json'), 'utf8')) as {
      nodes: (CorpusNode['node'] & { position: number[] })[];
    };
    const { node, report } = importOne(doc.nodes.find((n) => n.name === 'Fetching images')!);
    expect(report.placeholders).toEqual([]);
    expect(node.parameters).toMatchObject({ responseFormat: 'binary', fileProperty: 'avatar' });
    const string = importOne(request(1, { url: 'https://example.com/a', responseFormat: 'string', dataPropertyName: 'page' }));
    expect(string.report.placeholders).toEqual([expect.objectContaining({ parameter: 'dataPropertyName' })]);
  });

  it('keeps a URL left for the user to fill in as an expression giving it, which fails only when the node runs, as in n8n (corpus 0078, 0110)', () => {
    for (const url of ['WEBHOOK1', '', '{TEMPLATE_IMAGE_URL}']) {
      const { node, report } = importOne(request(1, { url, requestMethod: 'POST', options: {} }));
      expect(report.placeholders).toEqual([]);
      expect(node.parameters).toMatchObject({ url: `{{ ${JSON.stringify(url)} }}` });
      expect(report.problems).toContainEqual(expect.objectContaining({ code: 'url-not-given', node: 'Call', parameter: 'url' }));
    }
    const v4 = importOne({ ...request(4.1, { method: 'POST', options: {} }) });
    expect(v4.report.placeholders).toEqual([]);
    expect(v4.report.problems).toContainEqual(
      expect.objectContaining({ code: 'url-not-given', message: expect.stringContaining('the URL is empty') as unknown }),
    );
    const expression = importOne(request(1, { url: '={{$json["profile_image_url"]}}' }));
    expect(expression.report.problems.filter((p) => p.code === 'url-not-given')).toEqual([]);
  });

  it("reads v1's authentication table when a v2 node holds one of its values, warning that n8n's v2 sends nothing then (corpus 0624)", () => {
    const { node, report } = importOne(corpusNode('0624_HTTP_Schedule', 2, 'oAuth2'));
    expect(report.placeholders).toEqual([]);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'authentication', parameter: 'authentication' }));
    const withCredential = importOne({
      ...request(2, { url: 'https://graph.example/me', authentication: 'oAuth2' }),
      credentials: { oAuth2Api: { id: '7', name: 'Graph' } },
    });
    expect(withCredential.node.credentials).toEqual({ auth: '7' });
    expect(node.parameters).toMatchObject({ method: 'POST', url: 'https://graph.microsoft.com/v1.0/me/sendMail', bodyType: 'json' });
  });

  it('keeps a placeholder where n8n itself refuses the request: a file sent with a JSON body (corpus 0131 form)', () => {
    const { report } = importOne(
      request(1, {
        url: 'https://example.com/',
        requestMethod: 'POST',
        jsonParameters: true,
        sendBinaryData: true,
        binaryPropertyName: 'banner:data',
      }),
    );
    expect(report.placeholders).toEqual([expect.objectContaining({ parameter: 'sendBinaryData' })]);
  });
});

describe('HTTP Request version 3', () => {
  it('maps like version 4, warning that version 3 followed no redirect unless told to (corpus 0229)', () => {
    const { node, report } = importOne(corpusNode('0229_Manual_HTTP', 3, 'jsonplaceholder'));
    expect(report.placeholders).toEqual([]);
    expect(node.parameters).toMatchObject({ url: 'https://jsonplaceholder.typicode.com/albums', fullResponse: true });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'redirects' }));
  });
});

describe('HTTP Request versions 1 and 2: runs', () => {
  it('sends what n8n v1 sends: the listed query, headers and a JSON body, with its Accept header', async () => {
    const server = await startTestHttpServer((_, res) => sendJson(res, 200, { ok: true, list: [1, 2] }));
    try {
      const { workflow, report } = importOne(
        request(1, {
          url: `${server.url}/alerts`,
          requestMethod: 'POST',
          options: {},
          queryParametersUi: { parameter: [{ name: 'limit', value: '100' }] },
          headerParametersUi: { parameter: [{ name: 'X-Page', value: '={{ 1 + 1 }}' }] },
          bodyParametersUi: {
            parameter: [
              { name: 'note', value: 'Issue resolved automatically according to Syncro.' },
              { name: 'count', value: '={{ 2 + 3 }}' },
            ],
          },
        }),
      );
      expect(report.placeholders).toEqual([]);
      const execution = await engine.run(workflow);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      const seen = server.requests[0]!;
      expect(seen.method).toBe('POST');
      expect(Object.fromEntries(new URL(seen.url, server.url).searchParams)).toEqual({ limit: '100' });
      expect(seen.headers['x-page']).toBe('2');
      expect(seen.headers.accept).toBe('application/json,text/*;q=0.99');
      expect(seen.headers['content-type']).toBe('application/json');
      // An expression keeps its value's type in a JSON body, as in n8n.
      expect(JSON.parse(seen.body.toString())).toEqual({ note: 'Issue resolved automatically according to Syncro.', count: 5 });
      const call = workflow.nodes.find((n) => n.name === 'Call')!;
      expect(execution.nodes[call.id]?.[0]?.output.main?.map((i) => i.json)).toEqual([{ ok: true, list: [1, 2] }]);
    } finally {
      await server.close();
    }
  });

  it('sends a form when the body content type is Form Urlencoded', async () => {
    const server = await startTestHttpServer((_, res) => sendJson(res, 200, {}));
    try {
      const { workflow } = importOne(
        request(1, {
          url: `${server.url}/token`,
          requestMethod: 'POST',
          options: { bodyContentType: 'form-urlencoded' },
          bodyParametersUi: { parameter: [{ name: 'grant_type', value: 'client_credentials' }] },
        }),
      );
      const execution = await engine.run(workflow);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      expect(server.requests[0]!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expect(server.requests[0]!.body.toString()).toBe('grant_type=client_credentials');
    } finally {
      await server.close();
    }
  });

  it('fails on an answer that is not JSON with the default JSON format, as n8n v1 does', async () => {
    const server = await startTestHttpServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html></html>');
    });
    try {
      const { workflow } = importOne(request(1, { url: `${server.url}/page`, options: {} }));
      const execution = await engine.run(workflow);
      expect(execution.status).toBe('error');
    } finally {
      await server.close();
    }
  });

  it('outputs text under data with the String format, sending its Accept header', async () => {
    const server = await startTestHttpServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Ok.');
    });
    try {
      const { workflow } = importOne(request(2, { url: `${server.url}/login`, responseFormat: 'string', options: {} }));
      const execution = await engine.run(workflow);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      expect(server.requests[0]!.headers.accept).toBe(
        'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, */*;q=0.1',
      );
      const call = workflow.nodes.find((n) => n.name === 'Call')!;
      expect(execution.nodes[call.id]?.[0]?.output.main?.map((i) => i.json)).toEqual([{ data: 'Ok.' }]);
    } finally {
      await server.close();
    }
  });

  it('outputs body, headers, status code and message with Full Response, as n8n v1 does', async () => {
    const server = await startTestHttpServer((_, res) => sendJson(res, 201, { id: 4 }));
    try {
      const { workflow } = importOne(request(1, { url: `${server.url}/item`, options: { fullResponse: true } }));
      const execution = await engine.run(workflow);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      const call = workflow.nodes.find((n) => n.name === 'Call')!;
      const [json] = execution.nodes[call.id]?.[0]?.output.main?.map((i) => i.json) ?? [];
      expect(Object.keys(json!).sort()).toEqual(['body', 'headers', 'statusCode', 'statusMessage']);
      expect(json).toMatchObject({ statusCode: 201, statusMessage: 'Created', body: { id: 4 } });
    } finally {
      await server.close();
    }
  });

  it('puts the text under the data property with Full Response and the String format, cookies in a list (corpus 0083)', async () => {
    const server = await startTestHttpServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': ['SID=abc; HttpOnly', 'lang=en'] });
      res.end('Ok.');
    });
    try {
      const { workflow, report } = importOne(
        request(1, { url: `${server.url}/api/v2/auth/login`, responseFormat: 'string', options: { fullResponse: true } }),
      );
      expect(report.placeholders).toEqual([]);
      const execution = await engine.run(workflow);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      const call = workflow.nodes.find((n) => n.name === 'Call')!;
      const [json] = execution.nodes[call.id]?.[0]?.output.main?.map((i) => i.json) ?? [];
      expect(Object.keys(json!).sort()).toEqual(['data', 'headers', 'statusCode', 'statusMessage']);
      expect(json).toMatchObject({ statusCode: 200, data: 'Ok.', headers: { 'set-cookie': ['SID=abc; HttpOnly', 'lang=en'] } });
    } finally {
      await server.close();
    }
  });

  it('signs the request with an OAuth2 credential for v1 oAuth2 (and a v2 node holding that value)', async () => {
    const tokens: string[] = [];
    const server = await startTestHttpServer((req, res) => {
      if (req.url === '/token') {
        tokens.push(req.body.toString('utf8'));
        return sendJson(res, 200, { access_token: 'graph-token', token_type: 'Bearer', expires_in: 3600 });
      }
      sendJson(res, 200, { auth: req.headers.authorization ?? null });
    });
    try {
      await engine.credentials.create({
        id: 'graph',
        name: 'Graph',
        type: 'oauth2',
        data: {
          grantType: 'clientCredentials',
          tokenUrl: `${server.url}/token`,
          clientId: 'app',
          clientSecret: 'shh',
          allowedDomains: ['127.0.0.1'],
        },
      });
      for (const version of [1, 2]) {
        const { workflow, report } = importOne({
          ...request(version, { url: `${server.url}/me`, authentication: 'oAuth2' }),
          credentials: { oAuth2Api: { id: 'graph', name: 'Graph' } },
        });
        expect(report.placeholders).toEqual([]);
        const execution = await engine.run(workflow);
        expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      }
      // The server saw the token; the run's record holds it redacted.
      expect(server.requests.filter((r) => r.url === '/me').map((r) => r.headers.authorization)).toEqual([
        'Bearer graph-token',
        'Bearer graph-token',
      ]);
      expect(tokens[0]).toContain('grant_type=client_credentials');
    } finally {
      await server.close();
    }
  });

  it('writes the downloaded file to dataPropertyName, as n8n v1 does', async () => {
    const server = await startTestHttpServer((_, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from([137, 80, 78, 71]));
    });
    try {
      const { workflow } = importOne(
        request(1, { url: `${server.url}/bg.png`, responseFormat: 'file', dataPropertyName: 'bg', options: {} }),
      );
      const execution = await engine.run(workflow);
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      const call = workflow.nodes.find((n) => n.name === 'Call')!;
      const [item] = execution.nodes[call.id]?.[0]?.output.main ?? [];
      expect(Object.keys(item!.binary ?? {})).toEqual(['bg']);
      expect(item!.binary!.bg).toMatchObject({ mimeType: 'image/png', data: 'iVBORw==' });
    } finally {
      await server.close();
    }
  });

  it('fails when it runs with a URL that is not one, naming the node and parameter', async () => {
    const { workflow } = importOne(request(1, { url: 'WEBHOOK1', requestMethod: 'POST', options: {} }));
    const execution = await engine.run(workflow);
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(`Node 'Call' (HTTP Request): parameter 'url' must be an http:// or https:// URL (item 0).`);
  });
});
