import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryStorage, defineNode, NodeExecutionError, REDACTED, type Storage } from '@flowloom/engine';
import { createNodeCodeSandbox } from '@flowloom/engine/node';
import { buildWorkflow } from '@flowloom/engine/testing';
import { createCapturingEngine } from '../testing/capturing-engine.js';
import { secretLeaks } from '../testing/secret-leaks.node.js';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.node.js';

const SECRETS = {
  header: 'hdr-SECRET-0f1e2d3c',
  password: 'pw-SECRET-7654321',
  query: 'q-SECRET-abcdef12',
};
const basicForm = Buffer.from(`ann:${SECRETS.password}`).toString('base64');
const everySecret = [...Object.values(SECRETS), basicForm];
/** Where the echo server listens. */
const local = { allowedDomains: ['127.0.0.1'] };

let server: TestHttpServer;
let echo = '';
const sandbox = createNodeCodeSandbox();
beforeAll(async () => {
  // Echoes the request (URL and headers): a response that repeats the secrets.
  server = await startTestHttpServer((request, res) => sendJson(res, 200, { url: request.url, headers: request.headers }));
  echo = server.url;
});
afterAll(async () => {
  await sandbox.close();
  await server.close();
});

const callApi = defineNode({
  type: 'test.callApi',
  version: 1,
  displayName: 'Call API',
  group: 'integration',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ url: z.string() }),
  credentials: [{ name: 'api', type: 'any' }],
  async execute(ctx) {
    const response = await ctx.authenticatedFetch('api', ctx.params(0).url);
    const body = (await response.json()) as Record<string, unknown>;
    ctx.logger.info(`answer from API: ${JSON.stringify(body)}`, { body });
    return [{ json: body }];
  },
});

/** Fails with the secret in its message and details, as a careless integration might. */
const failWithInput = defineNode({
  type: 'test.failWithInput',
  version: 1,
  displayName: 'Fail',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  execute(ctx) {
    const dump = String(ctx.input()[0]?.json.dump);
    throw new NodeExecutionError(`Upstream rejected the call: ${dump}`, { retryable: false, details: { dump } });
  },
});

/** Records every argument of every call to every store: all the bytes storage is given. */
function recordingStorage(): { storage: Storage; written: string[] } {
  const inner = createMemoryStorage();
  const written: string[] = [];
  const wrap = <T extends object>(store: T): T =>
    new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          written.push(JSON.stringify(args));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const storage = { ...inner } as Storage;
  for (const [k, store] of Object.entries(inner))
    if (typeof store === 'object' && store) (storage as unknown as Record<string, object>)[k] = wrap(store);
  return { storage, written };
}

describe('redaction', () => {
  it('keeps every secret out of stored executions, events and logs, whatever echoes it', async () => {
    const { storage, written } = recordingStorage();
    const { engine, events, logs } = await createCapturingEngine({ nodeTypes: [callApi, failWithInput], storage, codeSandbox: sandbox }, [
      { id: 'h', name: 'Headers', type: 'customHeaders', data: { headers: { 'X-Token': SECRETS.header }, ...local } },
      { id: 'b', name: 'Basic', type: 'basicAuth', data: { username: 'ann', password: SECRETS.password, ...local } },
      { id: 'q', name: 'Query', type: 'apiKey', data: { key: SECRETS.query, in: 'query', name: 'key', ...local } },
    ]);

    const workflow = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'a', name: 'A', type: 'test.callApi', parameters: { url: `${echo}/a` }, credentials: { api: 'h' } },
        { id: 'b', name: 'B', type: 'test.callApi', parameters: { url: `${echo}/b` }, credentials: { api: 'b' } },
        { id: 'c', name: 'C', type: 'test.callApi', parameters: { url: `${echo}/c` }, credentials: { api: 'q' } },
        {
          id: 'code',
          name: 'Code',
          type: 'core.code',
          parameters: {
            code: `const all = [$('A').first().json, $('B').first().json, $('C').first().json];
console.log('echoed', JSON.stringify(all));
return [{ dump: JSON.stringify(all) }];`,
          },
        },
        { id: 'fail', name: 'Fail', type: 'test.failWithInput' },
      ],
      connections: [
        ['start', 'a'],
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'code'],
        ['code', 'fail'],
      ],
    });
    const execution = await engine.run(workflow);

    // The secrets did flow through the run: the echo, the console line and the error carry the marker instead.
    expect(execution.status).toBe('error');
    expect(execution.nodes.code![0]!.logs!.map((l) => JSON.stringify(l)).join()).toContain(REDACTED);
    expect(execution.nodes.fail![0]!.error!.message).toContain(REDACTED);
    expect(execution.error!.message).toContain(REDACTED);

    const stored = await storage.executions.get('default', execution.id);
    const everything = [JSON.stringify(execution), JSON.stringify(stored), ...written, ...events, ...logs].join('\n');
    expect(written.length).toBeGreaterThan(5);
    expect(logs.some((l) => l.includes('answer from API'))).toBe(true);
    for (const secret of everySecret) expect(secretLeaks(everything, secret)).toEqual([]);
  });
  it("redacts the secrets a run hands to a sub-workflow in the sub-workflow's records too", async () => {
    const { storage, written } = recordingStorage();
    const { engine } = await createCapturingEngine({ nodeTypes: [callApi], storage }, [
      { id: 't', name: 'Token', type: 'bearerToken', data: { token: SECRETS.header, ...local } },
    ]);
    const child = buildWorkflow({
      id: 'child',
      nodes: [
        { id: 'in', type: 'core.executeWorkflowTrigger' },
        { id: 'keep', type: 'core.noOp' },
      ],
      connections: [['in', 'keep']],
    });
    await engine.storage.workflows.save('default', child);
    const parent = buildWorkflow({
      id: 'parent',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'a', name: 'A', type: 'test.callApi', parameters: { url: `${echo}/a` }, credentials: { api: 't' } },
        { id: 'sub', name: 'Sub', type: 'core.executeWorkflow', parameters: { workflowId: 'child' } },
      ],
      connections: [
        ['start', 'a'],
        ['a', 'sub'],
      ],
    });
    const execution = await engine.run(parent);
    expect(execution.status).toBe('success');
    const childRuns = written.filter((w) => w.includes('"keep"'));
    expect(childRuns.length).toBeGreaterThan(0);
    expect(childRuns.join()).toContain(REDACTED);
    expect(written.join()).not.toContain(SECRETS.header);
  });
});
