import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEmbedToken } from '../auth/embed-tokens.js';
import { gateService } from '../queue/testing/queue-cluster.js';
import { runServe, SERVE_EXIT, type ServeIo } from './serve-command.js';
import type { StandaloneServer } from './standalone-server.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowloom-serve-command-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function io(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  let stop!: (reason: string) => void;
  let listening!: (server: StandaloneServer) => void;
  const served = new Promise<StandaloneServer>((resolve) => (listening = resolve));
  const value: ServeIo = {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    cwd: dir,
    env,
    stop: new Promise((resolve) => (stop = resolve)),
    onListening: listening,
  };
  return { io: value, out, stop, served };
}

describe('flowloom serve, its options', () => {
  it.each([
    [['--db', 'x.sqlite', '--port', '70000'], {}, "--port must be a whole number from 0 to 65535, got '70000'."],
    [['--port', '80'], { FLOWLOOM_PORT: '1' }, 'A database is needed: give --db <file.sqlite> or set FLOWLOOM_DB.'],
    [['--db', 'x.sqlite'], { FLOWLOOM_PORT: 'http' }, "FLOWLOOM_PORT must be a whole number from 0 to 65535, got 'http'."],
    [['--db', 'x.sqlite', '--shutdown-timeout', '-5'], {}, "--shutdown-timeout must be a whole number from 0 to 86400000, got '-5'."],
    [['--db', 'x.sqlite', '--verbose'], {}, 'Unknown option --verbose.'],
    [['--db', 'x.sqlite', 'now'], {}, "Unexpected argument 'now': serve takes options only."],
    [['--db', 'x.sqlite', '--tenant', 'a b'], {}, "--tenant must be 1 to 64 letters, digits, '.', '_' or '-', got 'a b'."],
    [
      ['--db', 'x.sqlite', '--cors-origin', 'example.com'],
      {},
      "--cors-origin must be an origin such as https://app.example.com, got 'example.com'.",
    ],
    [
      ['--db', 'x.sqlite'],
      { FLOWLOOM_EMBED_SECRET: 'short' },
      'FLOWLOOM_EMBED_SECRET must be at least 32 characters (an HMAC key of 256 bits), got 5.',
    ],
    [
      ['--db', 'x.sqlite'],
      { FLOWLOOM_EMBED_SECRET: 's'.repeat(32) },
      'Embed tokens need --embed-issuer (or FLOWLOOM_EMBED_ISSUER): the iss your tokens carry.',
    ],
    [
      ['--db', 'x.sqlite', '--embed-jwks-url', 'jwks.json', '--embed-issuer', 'me'],
      {},
      "--embed-jwks-url must be an http(s) URL, got 'jwks.json'.",
    ],
    [
      ['--db', 'x.sqlite', '--embed-jwks-url', 'https://app.example.com/jwks', '--embed-issuer', 'me'],
      { FLOWLOOM_EMBED_SECRET: 's'.repeat(32) },
      'Embed tokens are verified with FLOWLOOM_EMBED_SECRET or with --embed-jwks-url (FLOWLOOM_EMBED_JWKS_URL), not both.',
    ],
    [
      ['--db', 'x.sqlite'],
      { FLOWLOOM_ENCRYPTION_KEY: 'secret' },
      'FLOWLOOM_ENCRYPTION_KEY must be 64 hexadecimal digits (32 bytes), e.g. from `openssl rand -hex 32`.',
    ],
    [['--db', 'x.sqlite', '--port', '1', '--port', '2'], {}, '--port is given twice; give it once.'],
    [['--role', 'boss'], {}, "--role must be one of main, worker, webhook, got 'boss'."],
    [['--db', 'x.sqlite'], { FLOWLOOM_ROLE: 'Worker' }, "FLOWLOOM_ROLE must be one of main, worker, webhook, got 'Worker'."],
    [
      ['--postgres', 'postgres://db/flowloom'],
      {},
      '--postgres is for queue mode: give --role main, worker or webhook (or FLOWLOOM_ROLE) too.',
    ],
    [['--role', 'worker', '--db', 'x.sqlite'], {}, '--db does not apply to a worker process; it is read by: the standalone server.'],
    [
      ['--cors-origin', 'https://app.example.com'],
      { FLOWLOOM_ROLE: 'webhook' },
      '--cors-origin does not apply to a webhook process; it is read by: the standalone server, main.',
    ],
    [
      ['--db', 'x.sqlite', '--concurrency', '4'],
      {},
      '--concurrency does not apply to the standalone server (without --role); it is read by: worker.',
    ],
    [['--role', 'main'], {}, 'A main process needs the shared database: give --postgres <url> or set FLOWLOOM_DATABASE_URL.'],
    [
      ['--role', 'worker', '--postgres', 'postgres://db/flowloom'],
      {},
      'A worker process needs the shared Redis: give --redis <url> or set FLOWLOOM_REDIS_URL.',
    ],
    [
      ['--role', 'webhook', '--redis', 'redis://cache:6379'],
      { FLOWLOOM_DATABASE_URL: 'mysql://db/flowloom' },
      'FLOWLOOM_DATABASE_URL must be a postgres:// URL, such as postgres://user:password@host:5432/flowloom.',
    ],
    [
      ['--role', 'worker', '--postgres', 'postgres://db/flowloom', '--redis', 'http://cache:6379'],
      {},
      "--redis must be a redis:// or rediss:// URL, got 'http:' in 'http://cache:6379'.",
    ],
    [
      ['--role', 'worker', '--postgres', 'postgres://db/flowloom', '--redis', 'redis://cache:6379'],
      {},
      'Queue mode needs FLOWLOOM_ENCRYPTION_KEY (64 hexadecimal digits, e.g. from `openssl rand -hex 32`), the same in every process: they all read the same credentials.',
    ],
    [
      ['--role', 'worker'],
      {
        FLOWLOOM_DATABASE_URL: 'postgres://db/flowloom',
        FLOWLOOM_REDIS_URL: 'redis://cache:6379',
        FLOWLOOM_ENCRYPTION_KEY: 'ab'.repeat(32),
        FLOWLOOM_WORKER_CONCURRENCY: '0',
      },
      "FLOWLOOM_WORKER_CONCURRENCY must be a whole number from 1 to 1000, got '0'.",
    ],
    [['--db', 'x.sqlite', '--executions-per-worker', '0'], {}, "--executions-per-worker must be a whole number from 1 to 1000, got '0'."],
    [
      ['--db', 'x.sqlite'],
      { FLOWLOOM_EXECUTIONS_PER_WORKER: 'abc' },
      "FLOWLOOM_EXECUTIONS_PER_WORKER must be a whole number from 1 to 1000, got 'abc'.",
    ],
    [
      ['--db', 'x.sqlite', '--in-process', '--executions-per-worker', '4'],
      {},
      "--executions-per-worker does not apply with --in-process: executions then run on the process's main thread, in no worker thread.",
    ],
    [
      ['--role', 'main', '--executions-per-worker', '4'],
      {},
      '--executions-per-worker does not apply to a main process; it is read by: the standalone server, worker.',
    ],
    [
      ['--role', 'worker', '--executions-per-worker', 'abc'],
      {
        FLOWLOOM_DATABASE_URL: 'postgres://db/flowloom',
        FLOWLOOM_REDIS_URL: 'redis://cache:6379',
        FLOWLOOM_ENCRYPTION_KEY: 'ab'.repeat(32),
      },
      "--executions-per-worker must be a whole number from 1 to 1000, got 'abc'.",
    ],
    [
      ['--role', 'worker', '--in-process', '--executions-per-worker', '16'],
      {
        FLOWLOOM_DATABASE_URL: 'postgres://db/flowloom',
        FLOWLOOM_REDIS_URL: 'redis://cache:6379',
        FLOWLOOM_ENCRYPTION_KEY: 'ab'.repeat(32),
      },
      "--executions-per-worker does not apply with --in-process: executions then run on the process's main thread, in no worker thread.",
    ],
  ])('refuses %j (env %j) with exit code 2, before opening anything', async (argv, env, message) => {
    const { io: serveIo, out } = io(env);
    expect(await runServe(argv, serveIo)).toBe(SERVE_EXIT.badInput);
    expect(out.stderr.split('\n')[0]).toBe(`flowloom serve: ${message}`);
    expect(out.stderr).toContain('Usage: flowloom serve');
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
  });

  it('prints its usage with --help and exits 0', async () => {
    const { io: serveIo, out } = io();
    expect(await runServe(['--help'], serveIo)).toBe(SERVE_EXIT.ok);
    expect(out.stdout).toMatch(/^Usage: flowloom serve /);
  });

  it('accepts embed tokens signed with FLOWLOOM_EMBED_SECRET and keeps the encryption key beside the database', async () => {
    const secret = 'an embed secret of thirty-two characters or more';
    const env = { FLOWLOOM_DB: 'embed.sqlite', FLOWLOOM_EMBED_SECRET: secret, FLOWLOOM_EMBED_ISSUER: 'https://app.example.com' };
    const { io: serveIo, out, stop, served } = io(env);
    const code = runServe(['--port', '0', '--in-process', '--tenant', 'acme'], serveIo);
    const server = await served;
    try {
      const token = await signEmbedToken({
        secret,
        issuer: 'https://app.example.com',
        audience: 'flowloom',
        tenantId: 'acme',
        userId: 'u1',
        role: 'viewer',
      });
      const answer = await fetch(`${server.url}/workflows`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
      const forged = await signEmbedToken({
        secret: `${secret}!`,
        issuer: 'https://app.example.com',
        audience: 'flowloom',
        tenantId: 'acme',
        userId: 'u1',
        role: 'owner',
      });
      expect((await fetch(`${server.url}/workflows`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
      expect(out.stdout).toMatch(/^Owner API key of tenant 'acme' \(shown this once, keep it now\): flk_/);
    } finally {
      stop('stopped by the test');
    }
    expect(await code).toBe(SERVE_EXIT.ok);
    expect(out.stderr).toContain('flowloom serve: stopped by the test: no longer accepting connections; no execution is running.');
    expect(statSync(join(dir, 'embed.sqlite.key')).mode & 0o777).toBe(0o600);
  });

  it('makes another owner key with --create-api-key, and the earlier keys still work', async () => {
    const first = io();
    const firstCode = runServe(['--db', 'keys.sqlite', '--port', '0', '--in-process'], first.io);
    await first.served;
    first.stop('SIGTERM');
    expect(await firstCode).toBe(SERVE_EXIT.ok);
    const firstKey = /(flk_\S+)/.exec(first.out.stdout)![1]!;

    const second = io();
    const secondCode = runServe(['--db', 'keys.sqlite', '--port', '0', '--in-process', '--create-api-key'], second.io);
    const server = await second.served;
    try {
      const secondKey = /(flk_\S+)/.exec(second.out.stdout)![1]!;
      expect(secondKey).not.toBe(firstKey);
      for (const key of [firstKey, secondKey]) {
        const keys = await fetch(`${server.url}/api-keys`, { headers: { authorization: `Bearer ${key}` } });
        expect(keys.status).toBe(200);
        expect(((await keys.json()) as { apiKeys: unknown[] }).apiKeys).toHaveLength(2);
      }
    } finally {
      second.stop('SIGTERM');
    }
    expect(await secondCode).toBe(SERVE_EXIT.ok);
  });

  it('runs workflows over HTTP with --executions-per-worker 4, executions of one tenant sharing a worker thread', async () => {
    const greet = buildWorkflow({
      id: 'greet',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        {
          id: 'edit',
          type: 'core.set',
          parameters: { fields: [{ name: 'greeting', type: 'expression', value: 'Hello {{ $json.name }}' }] },
        },
      ],
      connections: [['start', 'edit']],
    });
    const { io: serveIo, out, stop, served } = io();
    const code = runServe(['--db', 'shared.sqlite', '--port', '0', '--executions-per-worker', '4'], serveIo);
    const server = await served;
    try {
      const key = /(flk_\S+)/.exec(out.stdout)![1]!;
      const call = (path: string, json: unknown) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(json),
        });
      expect((await call('/workflows', greet)).status).toBe(201);
      const names = ['Ada', 'Grace', 'Edsger', 'Barbara'];
      const runs = await Promise.all(names.map((name) => call('/workflows/greet/run', { input: [{ name }] })));
      for (const [i, run] of runs.entries()) {
        expect(run.status).toBe(200);
        const execution = (await run.json()) as { status: string; nodes: Record<string, { output: { main: { json: unknown }[] } }[]> };
        expect(execution.status).toBe('success');
        expect(execution.nodes['edit']![0]!.output.main[0]!.json).toEqual({ name: names[i], greeting: `Hello ${names[i]}` });
      }
    } finally {
      stop('SIGTERM');
    }
    expect(await code).toBe(SERVE_EXIT.ok);
  });

  it('reads FLOWLOOM_EXECUTIONS_PER_WORKER and lets that many executions of one tenant run at once, past the default four', async () => {
    const gate = gateService();
    const gateUrl = await gate.listen();
    const call = buildWorkflow({
      id: 'call',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'call', type: 'core.httpRequest', parameters: { url: `${gateUrl}/call/{{ $json.n }}` } },
      ],
      connections: [['start', 'call']],
    });
    const { io: serveIo, out, stop, served } = io({ FLOWLOOM_EXECUTIONS_PER_WORKER: '6' });
    const code = runServe(['--db', 'shared-env.sqlite', '--port', '0', '--allow-private-networks'], serveIo);
    const server = await served;
    try {
      const key = /(flk_\S+)/.exec(out.stdout)![1]!;
      const post = (path: string, json: unknown) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(json),
        });
      expect((await post('/workflows', call)).status).toBe(201);
      gate.shut();
      const runs = [1, 2, 3, 4, 5, 6].map((n) => post('/workflows/call/run', { input: [{ n }] }));
      // Six calls held at once: six executions running, where the pool's default lets a tenant run four.
      await gate.held(6);
      gate.open();
      for (const [i, run] of (await Promise.all(runs)).entries()) {
        const execution = (await run.json()) as { status: string; nodes: Record<string, { output: { main: { json: unknown }[] } }[]> };
        expect(execution.status).toBe('success');
        expect(execution.nodes['call']![0]!.output.main[0]!.json).toEqual({ n: i + 1, doubled: (i + 1) * 2 });
      }
    } finally {
      stop('SIGTERM');
      await gate.close();
    }
    expect(await code).toBe(SERVE_EXIT.ok);
  });

  it('says so and exits 1 when the port is taken', async () => {
    const first = io();
    const firstCode = runServe(['--db', 'busy.sqlite', '--port', '0', '--in-process'], first.io);
    const server = await first.served;
    try {
      const port = new URL(server.url).port;
      const second = io();
      expect(await runServe(['--db', 'busy2.sqlite', '--port', port, '--in-process'], second.io)).toBe(SERVE_EXIT.failed);
      expect(second.out.stderr).toBe(
        `flowloom serve: could not start: port ${port} of 127.0.0.1 is in use: stop what holds it or give another --port.\n`,
      );
    } finally {
      first.stop('SIGTERM');
    }
    expect(await firstCode).toBe(SERVE_EXIT.ok);
  });
});
