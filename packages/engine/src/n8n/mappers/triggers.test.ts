import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type Execution } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import {
  serveWebhooks,
  standInCredential,
  startTestHttpServer,
  type SeenRequest,
  type TestHttpServer,
} from '@flowloom/engine/testing/node';
import { importN8nWorkflow } from '../import-workflow.js';

// The Webhook node's options, checked on nodes of the corpus as exported (n8n's own parameters).

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

interface N8nWorkflow {
  nodes: { name: string; type: string; parameters: Record<string, unknown> }[];
  connections: Record<string, unknown>;
}

/** A corpus workflow as exported. */
const corpus = (file: string) => JSON.parse(readFileSync(join(CORPUS, 'workflows', file), 'utf8')) as N8nWorkflow;

/** The Flowloom node a Webhook node of a corpus workflow becomes (the first, or the one on `path`), and the report's problems and placeholder entry for it. */
function webhookOf(file: string, path?: string) {
  const n8n = corpus(file);
  const name = n8n.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook' && (path === undefined || n.parameters.path === path))[0]!.name;
  const { workflow, report } = importN8nWorkflow(n8n);
  const node = workflow!.nodes.find((n) => n.name === name)!;
  return { node, report, workflow: workflow!, problems: [...report.problems, ...report.placeholders].filter((p) => p.node === name) };
}

/** A one-node n8n workflow: a Webhook (version 2) with these parameters and credentials. */
function importWebhook(parameters: Record<string, unknown>, credentials?: Record<string, { id: string; name: string }>) {
  const webhook = { name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters, credentials };
  const { workflow, report } = importN8nWorkflow({ nodes: [webhook], connections: {} });
  return { node: workflow!.nodes[0]!, report };
}

const servers: TestHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The PNG file the stand-in image service serves. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/**
 * A local server playing the FLUX API and its image host: a fill request
 * gets a job id, the job's status is Ready with a sample URL, the sample is
 * a PNG. The engine's fetch sends every request there, by its path.
 */
async function fluxService() {
  const seen: SeenRequest[] = [];
  const server = await startTestHttpServer((request, res) => {
    seen.push(request);
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/v1/flux-pro-1.0-fill') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'job-1' }));
    } else if (url.pathname === '/v1/get_result') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ id: url.searchParams.get('id'), status: 'Ready', result: { sample: 'https://delivery.example.com/sample.png' } }),
      );
    } else {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from(PNG));
    }
  });
  servers.push(server);
  const fetchVia = (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const target = new URL(request.url);
    return fetch(`${server.url}${target.pathname}${target.search}`, init ?? { method: request.method, headers: request.headers });
  };
  return { seen, fetch: fetchVia };
}

describe('Webhook mapping', () => {
  it('keeps the field to answer with and the response headers (an HTML page)', () => {
    const { node } = webhookOf('Crypto/0042_Crypto_Airtable_Update_Webhook.json', '/go');
    expect(node.type).toBe('core.webhook');
    expect(node.parameters).toMatchObject({
      path: '/go',
      responseMode: 'lastNode',
      responsePropertyName: 'result',
      responseHeaders: [{ name: 'Content-Type', value: 'text/html' }],
    });
  });

  it('keeps the raw body option', () => {
    const { node } = webhookOf('Stickynote/2039_Stickynote_Webhook_Automation_Webhook.json');
    expect(node.type).toBe('core.webhook');
    expect(node.parameters).toMatchObject({ httpMethod: 'POST', path: 'ingestData', rawBody: true });
  });

  it('maps several methods when one output of theirs is connected', () => {
    const { node } = webhookOf('Webhook/1897_Webhook_Filter_Sync_Webhook.json');
    expect(node.type).toBe('core.webhook');
    expect(node.parameters).toMatchObject({ multipleMethods: true, httpMethods: ['GET'], responseMode: 'responseNode' });
  });

  it.each([
    ['Wait/1589_Wait_Webhook_Automation_Webhook.json', ['Merge', 'Mockups'], ['NO OP']],
    ['Wait/2042_Wait_Webhook_Automation_Webhook.json', ['Merge', 'Mockups'], ['NO OP']],
    ['Webhook/0591_Webhook_Respondtowebhook_Create_Webhook.json', ['Session'], ['Session']],
  ])('gives each method its own output, as n8n does, when several are connected (%s)', async (file, afterGet, afterPost) => {
    const { node, problems, workflow, report } = webhookOf(file);
    expect(node.type).toBe('core.webhook');
    // n8n lists GET then POST by default, output 0 for GET and output 1 for POST.
    expect(node.parameters).toMatchObject({ multipleMethods: true, httpMethods: ['GET', 'POST'], outputPerMethod: true });
    expect(problems.filter((p) => !('code' in p) || p.severity !== 'warning' || p.code !== 'webhook-auth-credential')).toEqual([]);
    expect(report.placeholders).toEqual([]);
    const after = (port: string) =>
      workflow.connections
        .filter((c) => c.from.node === node.id && c.from.port === port)
        .map((c) => workflow.nodes.find((n) => n.id === c.to.node)!.name)
        .sort();
    expect(after('GET')).toEqual(afterGet);
    expect(after('POST')).toEqual(afterPost);
    const engine = createEngine();
    await engine.nodeTypes.loadFor(workflow);
    expect(engine.validate(workflow).success).toBe(true);
  });

  it('maps basic auth on the webhook, with the credential slot to fill in the report', () => {
    const { node, report, problems } = webhookOf('Splitout/1946_Splitout_Webhook_Import_Webhook.json');
    expect(node.type).toBe('core.webhook');
    expect(node.parameters).toMatchObject({ httpMethod: 'POST', authentication: 'basicAuth', responseMode: 'responseNode' });
    expect(node.credentials).toEqual({ basicAuth: 'YzpBkNOC0UnKboCn' });
    expect(report.credentials).toContainEqual({
      node: 'Webhook',
      slot: 'basicAuth',
      n8nType: 'httpBasicAuth',
      name: 'Endpoint Get server scalway info',
      n8nId: 'YzpBkNOC0UnKboCn',
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'webhook-auth-credential', severity: 'warning', parameter: 'authentication' }),
    );
  });

  it('maps header auth and JWT auth to their slots', () => {
    const header = importWebhook(
      { path: 'in', httpMethod: 'POST', authentication: 'headerAuth' },
      { httpHeaderAuth: { id: 'h1', name: 'Token header' } },
    );
    expect(header.node).toMatchObject({
      type: 'core.webhook',
      parameters: { authentication: 'headerAuth' },
      credentials: { headerAuth: 'h1' },
    });
    expect(header.report.credentials).toEqual([
      { node: 'Hook', slot: 'headerAuth', n8nType: 'httpHeaderAuth', name: 'Token header', n8nId: 'h1' },
    ]);
    const jwt = importWebhook({ path: 'in', httpMethod: 'POST', authentication: 'jwtAuth' }, { jwtAuth: { id: 'j1', name: 'JWT' } });
    expect(jwt.node).toMatchObject({ type: 'core.webhook', parameters: { authentication: 'jwtAuth' }, credentials: { jwtAuth: 'j1' } });
    expect(jwt.report.credentials).toEqual([{ node: 'Hook', slot: 'jwtAuth', n8nType: 'jwtAuth', name: 'JWT', n8nId: 'j1' }]);
  });

  it('maps authentication whose credential n8n left unset, saying which credential to create', () => {
    const { node, report } = importWebhook({ path: 'in', authentication: 'basicAuth' });
    expect(node).toMatchObject({ type: 'core.webhook', parameters: { authentication: 'basicAuth' } });
    expect(node.credentials).toBeUndefined();
    expect(report.problems.find((p) => p.code === 'webhook-auth-credential')?.message).toContain("'Webhook basic auth' credential");
  });

  it('leaves no authentication parameter when n8n checks no caller', () => {
    const { node } = importWebhook({ path: 'in', authentication: 'none' });
    expect(node.parameters).not.toHaveProperty('authentication');
  });

  it('leaves a placeholder for an authentication it does not know', () => {
    const { node, report } = importWebhook({ path: 'in', authentication: 'digestAuth' });
    expect(node.type).toMatch(/^core\.placeholder/);
    expect(JSON.stringify(report.placeholders)).toContain("the value 'digestAuth' has no Flowloom equivalent");
  });

  it('runs the imported FLUX editor: a GET answers the editor page, a POST to the same path the filled image', async () => {
    const { workflow, report } = importN8nWorkflow(corpus('Wait/1589_Wait_Webhook_Automation_Webhook.json'));
    const flux = await fluxService();
    const clock = createTestClock();
    // A Node engine (the Set node's JavaScript expression runs in its sandbox); requests go to the local
    // service as they are, so the guard against private addresses is off.
    const engine = createNodeEngine({ clock, logger: silentLogger, fetch: flux.fetch, http: { allowPrivateNetworks: true } });
    for (const c of report.credentials) {
      if (c.n8nId && !(await engine.credentials.get(c.n8nId)))
        await engine.credentials.create({ id: c.n8nId, name: c.name, ...standInCredential(c.n8nType) });
    }
    const finished: Execution[] = [];
    engine.on('executionFinish', (e) => finished.push(e.execution));
    await engine.activate(workflow!);
    const server = await serveWebhooks(engine);
    servers.push(server);
    const url = `${server.url}/webhook/flux-fill`;

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Konva Image Editor</title>');
    expect(flux.seen).toEqual([]);

    const body = {
      prompt: 'a red mug',
      steps: 20,
      prompt_upsampling: false,
      guidance: 30,
      image: 'data:image/png;base64,SU1H',
      mask: 'data:image/png;base64,TUFTSw==',
    };
    const filling = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // The workflow waits 3 seconds before asking whether the image is ready (a run that fails first answers at once).
    await Promise.race([clock.whenTimer(3000), filling]);
    clock.advance(3000);
    const image = await filling;
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG);
    expect(flux.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/flux-pro-1.0-fill',
      'GET /v1/get_result?id=job-1',
      'GET /sample.png',
    ]);
    expect(JSON.parse(flux.seen[0]!.body.toString())).toMatchObject({ prompt: 'a red mug', image: 'SU1H', mask: 'TUFTSw==' });

    await engine.idle();
    const names = (e: Execution) =>
      Object.keys(e.nodes)
        .map((id) => workflow!.nodes.find((n) => n.id === id)!.name)
        .sort();
    expect(names(finished[0]!)).toEqual(['Editor page', 'Merge', 'Mockups', 'Respond to Webhook', 'Webhook']);
    expect(names(finished[1]!)).toEqual([
      'Check FLUX status',
      'FLUX Fill',
      'Get Fill Image',
      'Is Ready?',
      'NO OP',
      'Show the image to user',
      'Wait 3 sec',
      'Webhook',
    ]);
    await engine.close();
  });
});

/** A one-node n8n workflow: an Execute Workflow Trigger of this version with these parameters. */
function importTrigger(typeVersion: number, parameters: Record<string, unknown>) {
  const trigger = { name: 'In', type: 'n8n-nodes-base.executeWorkflowTrigger', typeVersion, position: [0, 0], parameters };
  const { workflow, report } = importN8nWorkflow({ nodes: [trigger], connections: {} });
  return { node: workflow!.nodes[0]!, report };
}

describe('Execute Workflow Trigger mapping', () => {
  it('keeps the declared inputs of the Airflow sub-workflow, String where n8n leaves the type as it comes', async () => {
    const { workflow, report } = importN8nWorkflow(corpus('Stopanderror/1768_Stopanderror_Wait_Automation_Webhook.json'));
    expect(report.placeholders).toEqual([]);
    const trigger = workflow!.nodes.find((n) => n.name === 'in data')!;
    expect(trigger).toMatchObject({
      type: 'core.executeWorkflowTrigger',
      parameters: {
        inputSource: 'fields',
        fields: [
          { name: 'dag_id', type: 'string' },
          { name: 'task_id', type: 'string' },
          { name: 'conf', type: 'string' },
          { name: 'wait', type: 'number' },
          { name: 'wait_time', type: 'number' },
        ],
      },
    });
    expect(trigger.parameters).not.toHaveProperty('convertTypes');
    const engine = createEngine();
    await engine.nodeTypes.loadFor(workflow);
    expect(engine.validate(workflow).success).toBe(true);
  });

  it('runs the imported Airflow sub-workflow with only its declared inputs', async () => {
    const { workflow, report } = importN8nWorkflow(corpus('Stopanderror/1768_Stopanderror_Wait_Automation_Webhook.json'));
    const seen: SeenRequest[] = [];
    const airflow = await startTestHttpServer((request, res) => {
      seen.push(request);
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const answer = path.endsWith('/dagRuns')
        ? { dag_run_id: 'run-1', state: 'queued' }
        : path.endsWith('/dagRuns/run-1')
          ? { dag_run_id: 'run-1', state: 'success' }
          : { key: 'return_value', value: 'rows: 42' };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
    servers.push(airflow);
    const clock = createTestClock();
    const engine = createNodeEngine({
      clock,
      logger: silentLogger,
      http: { allowPrivateNetworks: true },
      fetch: (input, init) => {
        const target = new URL(new Request(input, init).url);
        return fetch(`${airflow.url}${target.pathname}${target.search}`, init);
      },
    });
    for (const c of report.credentials) {
      if (c.n8nId && !(await engine.credentials.get(c.n8nId)))
        await engine.credentials.create({ id: c.n8nId, name: c.name, ...standInCredential(c.n8nType) });
    }
    await engine.storage.workflows.save('default', workflow!);
    const parent = buildWorkflow({
      id: 'parent',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'call', name: 'Run DAG', type: 'core.executeWorkflow', parameters: { workflowId: workflow!.id } },
      ],
      connections: [['start', 'call']],
    });
    const input = { dag_id: 'etl', task_id: 'load', conf: '{"day":"2026-01-05"}', wait: 2, wait_time: 5, token: 'not declared' };
    const running = engine.run(parent, { input: [{ json: input }] });
    // The sub-workflow waits as long as its `wait` input says before asking for the run's state.
    await Promise.race([clock.whenTimer(2000), running]);
    clock.advance(2000);
    const e = await running;
    expect(e.status).toBe('success');
    expect(e.nodes.call![0]!.output.main!.map((i) => i.json)).toEqual([{ key: 'return_value', value: 'rows: 42' }]);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/dags/etl/dagRuns',
      'GET /api/v1/dags/etl/dagRuns/run-1',
      'GET /api/v1/dags/etl/dagRuns/run-1/taskInstances/load/xcomEntries/return_value',
    ]);
    expect(JSON.parse(seen[0]!.body.toString())).toEqual({ conf: { day: '2026-01-05' } });
    const [child] = (await engine.storage.executions.list('default')).filter((x) => x.workflowId === workflow!.id);
    const trigger = workflow!.nodes.find((n) => n.name === 'in data')!;
    const run = (await engine.storage.executions.get('default', child!.id))!;
    expect(run.nodes[trigger.id]![0]!.output.main!.map((i) => i.json)).toEqual([
      { dag_id: 'etl', task_id: 'load', conf: '{"day":"2026-01-05"}', wait: 2, wait_time: 5 },
    ]);
    await engine.close();
  });

  it('infers the fields and their types from a JSON example, null taking any value', () => {
    const { node } = importTrigger(1.1, {
      inputSource: 'jsonExample',
      jsonExample: '{ "email": "a@b.c", "age": 30, "vip": false, "tags": [], "address": {}, "note": null }',
      inputOptions: { attemptToConvertTypes: true, ignoreTypeErrors: true },
    });
    expect(node).toMatchObject({
      type: 'core.executeWorkflowTrigger',
      parameters: {
        inputSource: 'fields',
        fields: [
          { name: 'email', type: 'string' },
          { name: 'age', type: 'number' },
          { name: 'vip', type: 'boolean' },
          { name: 'tags', type: 'array' },
          { name: 'address', type: 'object' },
          { name: 'note', type: 'any' },
        ],
        convertTypes: true,
        ignoreTypeErrors: true,
      },
    });
  });

  it("uses n8n's own JSON example when the node leaves it as it comes", () => {
    const { node } = importTrigger(1.1, { inputSource: 'jsonExample' });
    expect(node.parameters.fields).toEqual([
      { name: 'aField', type: 'string' },
      { name: 'aNumber', type: 'number' },
      { name: 'thisFieldAcceptsAnyType', type: 'any' },
      { name: 'anArray', type: 'array' },
    ]);
  });

  it('passes the items on in version 1 and with "Accept all data"', () => {
    expect(importTrigger(1, {}).node).toMatchObject({ type: 'core.executeWorkflowTrigger', parameters: {} });
    expect(importTrigger(1.1, { inputSource: 'passthrough' }).node).toMatchObject({
      type: 'core.executeWorkflowTrigger',
      parameters: {},
    });
  });

  it('leaves a placeholder for a JSON example that is not an object', () => {
    const { node, report } = importTrigger(1.1, { inputSource: 'jsonExample', jsonExample: '[1, 2]' });
    expect(node.type).toMatch(/^core\.placeholder/);
    expect(JSON.stringify(report.placeholders)).toContain('the JSON example must be an object');
  });
});

describe('Wait mapping, resumed by a webhook call', () => {
  it('keeps a resume call answered by a Respond to Webhook node', async () => {
    const { workflow, report } = importN8nWorkflow(corpus('Wait/0629_Wait_Code_Update_Webhook.json'));
    expect(report.placeholders).toEqual([]);
    expect(report.problems.filter((p) => p.node === 'Webhook Callback Wait')).toEqual([]);
    expect(workflow!.nodes.find((n) => n.name === 'Webhook Callback Wait')).toMatchObject({
      type: 'core.wait',
      parameters: { resume: 'webhook', httpMethod: 'POST', responseMode: 'responseNode' },
    });
    const engine = createEngine();
    await engine.nodeTypes.loadFor(workflow);
    expect(engine.validate(workflow).success).toBe(true);
  });

  it('leaves the answer to the resume call as it comes when n8n answers at once', () => {
    const wait = { name: 'Hold', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [0, 0], parameters: { resume: 'webhook' } };
    const { workflow } = importN8nWorkflow({ nodes: [wait], connections: {} });
    expect(workflow!.nodes[0]!.parameters).toEqual({ resume: 'webhook', httpMethod: 'GET' });
  });

  it('leaves a placeholder when n8n answers the resume call once the run ends', () => {
    const wait = {
      name: 'Hold',
      type: 'n8n-nodes-base.wait',
      typeVersion: 1.1,
      position: [0, 0],
      parameters: { resume: 'webhook', responseMode: 'lastNode' },
    };
    const { workflow, report } = importN8nWorkflow({ nodes: [wait], connections: {} });
    expect(workflow!.nodes[0]!.type).toMatch(/^core\.placeholder/);
    expect(JSON.stringify(report.placeholders)).toContain("the value 'lastNode' has no Flowloom equivalent");
  });
});

describe('Respond to Webhook mapping, redirecting', () => {
  /** The Auth0 login workflow with its application details filled in, as its notes ask its user to. */
  function auth0Login() {
    const n8n = corpus('Stopanderror/1295_Stopanderror_Webhook_Automation_Webhook.json');
    const details = n8n.nodes.find((n) => n.name === 'Set Application Details')!;
    const filled: Record<string, string> = {
      domain: 'https://tenant.auth0.example',
      client_id: 'client-42',
      my_server: 'https://flows.example',
    };
    const assignments = (details.parameters.assignments as { assignments: { name: string; value: string }[] }).assignments;
    for (const a of assignments) a.value = filled[a.name]!;
    return importN8nWorkflow(n8n);
  }

  it('keeps the redirect URL, answered with 307 as n8n does when no code is set', () => {
    const { workflow, report } = auth0Login();
    expect(report.placeholders).toEqual([]);
    expect(workflow!.nodes.find((n) => n.name === 'Open Auth Webpage')!.parameters).toEqual({
      respondWith: 'redirect',
      responseHeaders: [],
      redirectUrl:
        '{{js: $json.domain }}/authorize?response_type=code&scope=openid+email+profile+image+name&client_id={{js: $json.client_id }}&redirect_uri={{js: $json.my_server }}/webhook/receive-token',
    });
  });

  it('runs the imported login: the browser calling /webhook/login is sent to the Auth0 login page', async () => {
    const { workflow } = auth0Login();
    const engine = createNodeEngine({ logger: silentLogger });
    await engine.activate(workflow!);
    const server = await serveWebhooks(engine);
    servers.push(server);
    const answer = await fetch(`${server.url}/webhook/login`, { redirect: 'manual' });
    expect(answer.status).toBe(307);
    expect(answer.headers.get('location')).toBe(
      'https://tenant.auth0.example/authorize?response_type=code&scope=openid+email+profile+image+name&client_id=client-42&redirect_uri=https://flows.example/webhook/receive-token',
    );
    await engine.close();
  });
});
