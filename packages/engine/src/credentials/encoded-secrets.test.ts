// A workflow that encodes a credential's secret (base64 at any offset, hex in either case, a file's
// bytes) must not get it into the execution record, the events, the logs or the SQLite file.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { REDACTED, type EngineOptions, type Execution } from '@flowloom/engine';
import { createNodeCodeSandbox, createNodeExecutionIsolation } from '@flowloom/engine/node';
import { buildWorkflow, type NodeShorthand } from '@flowloom/engine/testing';
import { createCapturingEngine } from '../testing/capturing-engine.js';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.node.js';
import { encodedForms, secretLeaks } from '../testing/secret-leaks.node.js';

const SECRET = 'sk-live-7f3a9c-encoded-probe';

let api: TestHttpServer;
let dir: string;
const sandbox = createNodeCodeSandbox();
const isolation = createNodeExecutionIsolation({ heapMb: 64 });
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowloom-encoded-secrets-'));
  // Reflects the request's headers, the API key among them: as JSON, or as a file.
  api = await startTestHttpServer((req, res) => {
    if (req.url === '/file') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(Buffer.concat([Buffer.from([0, 255, 1]), Buffer.from(JSON.stringify(req.headers)), Buffer.from([254, 2])]));
    }
    sendJson(res, 200, { headers: req.headers });
  });
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
  await isolation.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Probe {
  execution: Execution;
  /** Everything the run recorded, emitted and logged, and the SQLite file's bytes. */
  sources: Record<string, string | Uint8Array>;
}

let runs = 0;

/** Start -> Call API (echoes the key) -> the probe nodes, on an engine keeping its history in a new SQLite file. */
async function probe(options: Partial<EngineOptions>, nodes: NodeShorthand[]): Promise<Probe> {
  const file = join(dir, `run-${++runs}.sqlite`);
  const storage = await openSqliteStorage(file);
  const { engine, events, logs } = await createCapturingEngine({ ...options, storage, codeSandbox: sandbox }, [
    { id: 'key', name: 'Orders API', type: 'apiKey', data: { key: SECRET, name: 'X-Api-Key', allowedDomains: ['127.0.0.1'] } },
  ]);
  const call = {
    id: 'call',
    name: 'Call API',
    type: 'core.httpRequest',
    parameters: { url: `${api.url}/echo` },
    credentials: { auth: 'key' },
  };
  const workflow = buildWorkflow({
    id: 'wf-probe',
    nodes: [{ id: 'start', type: 'core.manualTrigger' }, call, ...nodes],
    connections: [['start', 'call'], ...nodes.map((n, i): [string, string] => [i === 0 ? 'call' : nodes[i - 1]!.id, n.id])],
  });
  const execution = await engine.run(workflow);
  const stored = await storage.executions.get('default', execution.id);
  await engine.close();
  await storage.close();
  const sources: Probe['sources'] = {
    'the execution record': JSON.stringify(execution),
    'the stored execution': JSON.stringify(stored),
    'the events': events.join('\n'),
    'the log lines': logs.join('\n'),
  };
  // The database and whatever write-ahead log is left beside it.
  const files = ['', '-wal', '-shm', '-journal'].map((suffix) => file + suffix).filter((path) => existsSync(path));
  for (const path of files) sources[`the file ${path}`] = readFileSync(path);
  // The run's data is in there, redacted, so scanning the bytes means something.
  expect(Buffer.concat(files.map((path) => readFileSync(path))).includes(REDACTED)).toBe(true);
  return { execution, sources };
}

/** Each place that gives the secret away, and how. */
function leaks(p: Probe): string[] {
  return Object.entries(p.sources).flatMap(([where, text]) => secretLeaks(text, SECRET).map((leak) => `${where}: ${leak}`));
}

const output = (p: Probe, nodeId: string) => p.execution.nodes[nodeId]![0]!.output.main![0]!;

const modes: [string, () => Partial<EngineOptions>][] = [
  ['in process', () => ({})],
  ["with isolation: 'worker'", () => ({ isolation })],
];

describe.each(modes)('a secret encoded by the workflow, %s', (_mode, options) => {
  it('is redacted from a file an HTTP Request received, whose bytes reflect the auth header', async () => {
    const p = await probe(options(), [
      {
        id: 'file',
        name: 'Download',
        type: 'core.httpRequest',
        parameters: { url: `${api.url}/file`, responseFormat: 'binary' },
        credentials: { auth: 'key' },
      },
    ]);
    expect(p.execution.error).toBeUndefined();
    expect(p.execution.status).toBe('success');
    const file = output(p, 'file').binary!.data!;
    const bytes = Buffer.from(file.data!, 'base64');
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0, 255, 1]));
    expect(JSON.parse(bytes.subarray(3, -2).toString('utf8'))).toMatchObject({ 'x-api-key': REDACTED });
    expect(file.fileSize).toBe(bytes.length);
    expect(leaks(p)).toEqual([]);
  });

  it('is redacted where an Edit Fields expression base64-encodes it ($base64encode)', async () => {
    const p = await probe(options(), [
      {
        id: 'set',
        name: 'Encode',
        type: 'core.set',
        parameters: { fields: [{ name: 'encoded', value: '{{ $base64encode($json.headers."x-api-key") }}' }] },
      },
    ]);
    expect(p.execution.error).toBeUndefined();
    expect(p.execution.status).toBe('success');
    expect(output(p, 'set').json.encoded).toBe(REDACTED);
    expect(leaks(p)).toEqual([]);
  });

  it('is redacted where Code encodes it by hand, as hex and as base64, and logs them', async () => {
    const code = `const key = $input.first().json.headers['x-api-key'];
let hex = '';
for (let i = 0; i < key.length; i++) hex += key.charCodeAt(i).toString(16).padStart(2, '0');
const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
let base64 = '';
for (let i = 0; i < key.length; i += 3) {
  const n = (key.charCodeAt(i) << 16) | ((key.charCodeAt(i + 1) || 0) << 8) | (key.charCodeAt(i + 2) || 0);
  base64 += digits[(n >> 18) & 63] + digits[(n >> 12) & 63];
  base64 += i + 1 < key.length ? digits[(n >> 6) & 63] : '=';
  base64 += i + 2 < key.length ? digits[n & 63] : '=';
}
console.log('encoded', hex, base64);
return [{ hex, base64 }];`;
    const p = await probe(options(), [{ id: 'code', name: 'Code', type: 'core.code', parameters: { code } }]);
    expect(p.execution.error).toBeUndefined();
    expect(p.execution.status).toBe('success');
    expect(output(p, 'code').json).toEqual({ hex: REDACTED, base64: REDACTED });
    expect(p.execution.nodes.code![0]!.logs).toEqual([{ level: 'log', message: `encoded ${REDACTED} ${REDACTED}` }]);
    expect(leaks(p)).toEqual([]);
  });

  it('is redacted where it is base64-encoded at offsets 1 and 2 inside a longer text', async () => {
    const p = await probe(options(), [
      {
        id: 'set',
        name: 'Encode',
        type: 'core.set',
        parameters: {
          fields: [
            { name: 'one', value: '{{ $base64encode("x" & $json.headers."x-api-key" & "yz") }}' },
            { name: 'two', value: '{{ $base64encode("xy" & $json.headers."x-api-key" & "z") }}' },
          ],
        },
      },
    ]);
    expect(p.execution.error).toBeUndefined();
    expect(p.execution.status).toBe('success');
    const { one, two } = output(p, 'set').json as { one: string; two: string };
    // What is left before the marker: the characters that also depend on the bytes before the secret.
    const forms = encodedForms(SECRET);
    expect(one.slice(0, 2 + REDACTED.length)).toBe(`${forms['base64 at offset 1'].slice(0, 2)}${REDACTED}`);
    expect(two.slice(0, 3 + REDACTED.length)).toBe(`${forms['base64 at offset 2'].slice(0, 3)}${REDACTED}`);
    expect(leaks(p)).toEqual([]);
  });

  it('is redacted where Code writes its hex in upper case', async () => {
    const code = `const key = $input.first().json.headers['x-api-key'];
return [{ hex: Array.from(key, (c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join('') }];`;
    const p = await probe(options(), [{ id: 'code', name: 'Code', type: 'core.code', parameters: { code } }]);
    expect(p.execution.error).toBeUndefined();
    expect(p.execution.status).toBe('success');
    expect(output(p, 'code').json).toEqual({ hex: REDACTED });
    expect(leaks(p)).toEqual([]);
  });
});
