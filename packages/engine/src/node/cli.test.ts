import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkflow } from '../testing/build-workflow.js';
import { runCli } from './cli.js';
import { startTestHttpServer } from '../testing/test-http-server.node.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = fileURLToPath(new URL('../testing/fixtures/built-cli.mjs', import.meta.url));
const built = join(repo, 'packages/engine/dist/node/index.js');
let dir: string;

/** Runs the built command line in a child process, as the `flowloom` command does. */
function flowloom(...args: string[]) {
  // The time limit only keeps a hung child from hanging the suite; no test's outcome depends on it.
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking this process, so a server in the test can answer the run's requests. */
function flowloomAsync(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function write(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

const hello = buildWorkflow({
  id: 'hello',
  nodes: [
    { id: 'start', type: 'core.manualTrigger' },
    { id: 'a', type: 'core.noOp' },
  ],
  connections: [['start', 'a']],
});

// Node types as a host would ship them: a plain module, no build step.
const nodesModule = `
export const shout = {
  type: 'acme.shout', version: 1, displayName: 'Shout', group: 'transform',
  inputs: ['main'], outputs: ['main'],
  execute: (ctx) => ctx.input().map((i) => ({ json: { ...i.json, text: String(i.json.text).toUpperCase() } })),
};
export const spin = {
  type: 'acme.spin', version: 1, displayName: 'Spin', group: 'utility', inputs: ['main'], outputs: ['main'],
  execute() { for (;;) {} },
};
export const hog = {
  type: 'acme.hog', version: 1, displayName: 'Hog', group: 'utility', inputs: ['main'], outputs: ['main'],
  execute() { const kept = []; for (;;) kept.push(new Array(1e6).fill(kept.length)); },
};
export const more = [{
  type: 'acme.fail', version: 1, displayName: 'Fail', group: 'utility', inputs: ['main'], outputs: ['main'],
  execute() { throw new Error('the API said no'); },
}];
`;

beforeAll(() => {
  if (!existsSync(built)) throw new Error(`Build the engine first (npm run build): ${built} is missing.`);
  mkdirSync(join(repo, 'test-output'), { recursive: true });
  dir = mkdtempSync(join(repo, 'test-output', 'cli-'));
  write('hello.json', hello);
  write('items.json', [{ json: { text: 'hi' } }]);
  write('nodes.mjs', nodesModule);
});

describe('flowloom run', () => {
  it('prints the execution as JSON and exits 0 when it succeeds', () => {
    const r = flowloom('run', 'hello.json', '--input', 'items.json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const execution = JSON.parse(r.stdout);
    expect(execution).toMatchObject({ workflowId: 'hello', status: 'success', mode: 'manual' });
    expect(execution.nodes.a[0].output.main).toEqual([{ json: { text: 'hi' } }]);
  });

  it('exits 1 with the execution on stdout and the reason on stderr when it fails', () => {
    const wf = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'f', name: 'Call API', type: 'acme.fail' },
      ],
      connections: [['start', 'f']],
    });
    write('failing.json', wf);
    const r = flowloom('run', 'failing.json', '--nodes', './nodes.mjs');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'error', error: { node: { name: 'Call API' } } });
    expect(r.stderr).toBe("flowloom: Node 'Call API' failed: the API said no\n");
  });

  it('runs host node types loaded with --nodes', () => {
    const wf = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 's', type: 'acme.shout' },
      ],
      connections: [['start', 's']],
    });
    write('shout.json', wf);
    const r = flowloom('run', 'shout.json', '--input', 'items.json', '--nodes', './nodes.mjs');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).nodes.s[0].output.main).toEqual([{ json: { text: 'HI' } }]);
  });

  it('exits 2 with nothing on stdout when the file is missing', () => {
    const r = flowloom('run', 'nope.json');
    expect(r).toEqual({ code: 2, stdout: '', stderr: "flowloom: cannot read workflow file 'nope.json': no such file\n" });
  });

  it('exits 2 when the file is not JSON', () => {
    write('broken.json', '{"schemaVersion": 1,');
    const r = flowloom('run', 'broken.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^flowloom: workflow file 'broken.json' is not valid JSON: /);
  });

  it('exits 2 listing every problem when the workflow is not valid', () => {
    write('invalid.json', { schemaVersion: 1, id: 'x', nodes: [{ id: 'a', name: 'A', type: 'core.noOp', position: { x: 'left', y: 0 } }] });
    const r = flowloom('run', 'invalid.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'flowloom: Workflow is not valid (2 problems):\n' +
        '  - nodes[0].position.x: node \'A\': expected a number, got "left"\n' +
        '  - nodes: the workflow has no trigger node, so a run has nowhere to start; add one such as Manual Trigger (core.manualTrigger)\n',
    );
  });

  it('exits 2 when the input file does not hold items', () => {
    write('bad-items.json', { text: 'hi' });
    const r = flowloom('run', 'hello.json', '--input', 'bad-items.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('flowloom: Run input is not valid (1 problem):\n  - input: input must be an array of items, got an object\n');
  });

  it('exits 2 on an unknown command or option, showing the usage', () => {
    const r = flowloom('launch', 'hello.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^flowloom: unknown command 'launch'\.\n\nUsage:/);
    expect(flowloom('run', 'hello.json', '--fast').stderr).toMatch(/^flowloom: Unknown option --fast\./);
  });

  it('exits 2 when a --nodes module cannot be loaded', () => {
    const r = flowloom('run', 'hello.json', '--nodes', './missing.mjs');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^flowloom: cannot load node module '.\/missing.mjs': /);
  });
});

describe('flowloom run: isolation', () => {
  const oneNode = (type: string, name: string) =>
    buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'x', name, type },
      ],
      connections: [['start', 'x']],
    });

  it('stops a node that never yields at the deadline, because the run is in a worker', () => {
    write('spin.json', oneNode('acme.spin', 'Busy loop'));
    const r = flowloom('run', 'spin.json', '--nodes', './nodes.mjs', '--timeout', '500');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'error', error: { code: 'EXECUTION_TIMEOUT' } });
  });

  it('survives a node that exhausts memory, reporting it as the execution error', () => {
    write('hog.json', oneNode('acme.hog', 'Memory hog'));
    const r = flowloom('run', 'hog.json', '--nodes', './nodes.mjs');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'error', error: { code: 'EXECUTION_OUT_OF_MEMORY' } });
  });

  it('runs in this process with --in-process', () => {
    const r = flowloom('run', 'hello.json', '--input', 'items.json', '--in-process');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).nodes.a[0].output.main).toEqual([{ json: { text: 'hi' } }]);
  });
});

describe('flowloom run --credentials', () => {
  // A host's service: a credential type and a node that calls the service with it.
  const serviceModule = `
import { defineCredentialType, defineNode } from '@flowloom/engine';
import { z } from 'zod';
export const acmeKey = defineCredentialType({
  name: 'acmeKey', displayName: 'Acme API key',
  properties: z.object({ apiKey: z.string().min(8).meta({ secret: true }) }),
  authenticate: (d) => ({ type: 'bearer', token: d.apiKey }),
  allowedHosts: ['127.0.0.1'],
});
export const acmeWho = defineNode({
  type: 'acme.who', version: 1, displayName: 'Who am I', group: 'integration', inputs: ['main'], outputs: ['main'],
  credentials: [{ name: 'acme', type: 'acmeKey', required: true }],
  properties: z.object({ url: z.string() }),
  async execute(ctx) {
    const answer = await ctx.authenticatedFetch('acme', ctx.params(0).url);
    return [{ json: await answer.json() }];
  },
});
`;
  const whoWorkflow = (url: string) =>
    buildWorkflow({
      id: 'who',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'who', name: 'Who', type: 'acme.who', parameters: { url }, credentials: { acme: 'acme-prod' } },
      ],
      connections: [['start', 'who']],
    });

  it('creates the credentials of the file, with secrets from the environment, for the run only', async () => {
    const server = await startTestHttpServer((request, response) => {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ user: 'ada', sawKey: request.headers.authorization }));
    });
    try {
      write('acme.mjs', serviceModule);
      write('who.json', whoWorkflow(`${server.url}/me`));
      write('creds.json', [{ id: 'acme-prod', type: 'acmeKey', name: 'Acme (production)', data: { apiKey: { $env: 'ACME_KEY' } } }]);
      const r = await flowloomAsync(
        ['run', 'who.json', '--nodes', './acme.mjs', '--credentials', 'creds.json', '--allow-private-networks'],
        { ACME_KEY: 'sk-live-12345678' },
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const [request] = server.requests;
      expect(request!.headers.authorization).toBe('Bearer sk-live-12345678');
      // The secret the service echoed is redacted from the record.
      expect(JSON.parse(r.stdout).nodes.who[0].output.main[0].json).toEqual({ user: 'ada', sawKey: 'Bearer __redacted__' });
      expect(r.stdout).not.toContain('sk-live-12345678');
    } finally {
      await server.close();
    }
  });

  it('exits 2 listing every problem of the credentials file, with its path', async () => {
    write('acme.mjs', serviceModule);
    write('who.json', whoWorkflow('http://127.0.0.1:9/me'));
    write('bad-creds.json', [
      { id: 'acme-prod', type: 'acmeKey', data: { apiKey: { $env: 'ACME_KEY_MISSING' } }, owner: 'me' },
      { type: 'acmeKey', data: [] },
    ]);
    const r = await flowloomAsync(['run', 'who.json', '--nodes', './acme.mjs', '--credentials', 'bad-creds.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        "flowloom: credentials file 'bad-creds.json' is not valid (4 problems):",
        '  - [0].owner: unknown field (a credential has id, type, name, data and oauth2)',
        '  - [0].data.apiKey: the environment variable ACME_KEY_MISSING is not set',
        "  - [1].id: expected the id the workflow's nodes name, got nothing",
        "  - [1].data: expected an object of the credential's fields, got an empty array",
        '',
      ].join('\n'),
    );
    write('unknown-type.json', [{ id: 'acme-prod', type: 'acmeKee', data: { apiKey: 'sk-live-12345678' } }]);
    const unknown = await flowloomAsync(['run', 'who.json', '--nodes', './acme.mjs', '--credentials', 'unknown-type.json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^flowloom: credentials file 'unknown-type.json' is not valid \(1 problem\):\n {2}- \[0\] \(acme-prod\): .*acmeKee/,
    );
  });
});

describe('flowloom validate', () => {
  it('exits 0 when every file is valid', () => {
    expect(flowloom('validate', 'hello.json')).toEqual({ code: 0, stdout: 'hello.json: valid\n', stderr: '' });
  });

  it('refuses options that only apply to run, rather than ignoring them', () => {
    const r = flowloom('validate', 'hello.json', '--input', 'items.json', '--in-process');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^flowloom: --input, --in-process only apply to run, not to validate\.\n/);
  });

  it('exits 2 when any file is invalid, reporting each one', () => {
    write('no-trigger.json', buildWorkflow({ nodes: [{ id: 'a', type: 'core.noOp' }] }));
    const r = flowloom('validate', 'hello.json', 'no-trigger.json', 'nope.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('hello.json: valid\n');
    expect(r.stderr).toContain('no-trigger.json: Workflow is not valid (1 problem):\n  - nodes: the workflow has no trigger node');
    expect(r.stderr).toContain("flowloom: cannot read workflow file 'nope.json': no such file");
  });
});

describe('runCli in-process', () => {
  it('returns the exit code and writes through the given streams', async () => {
    let out = '';
    let err = '';
    const code = await runCli(['run', 'hello.json'], { cwd: dir, stdout: (t) => (out += t), stderr: (t) => (err += t) });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(JSON.parse(out).status).toBe('success');
  });

  it('prints help on --help and exits 0', async () => {
    let out = '';
    expect(await runCli(['--help'], { cwd: dir, stdout: (t) => (out += t), stderr: () => {} })).toBe(0);
    expect(out).toMatch(/^Usage:\n {2}flowloom run <workflow.json>/);
  });
});
