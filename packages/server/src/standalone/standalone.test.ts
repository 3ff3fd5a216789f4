import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeServeScript, spawnServe } from '../testing/serve-process.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowloom-serve-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeServeScript();
});

const edit = buildWorkflow({
  id: 'greet',
  nodes: [
    { id: 'start', type: 'core.manualTrigger' },
    { id: 'edit', type: 'core.set', parameters: { fields: [{ name: 'greeting', type: 'expression', value: 'Hello {{ $json.name }}' }] } },
  ],
  connections: [['start', 'edit']],
});

/** A service that answers only when the test says so: a run calling it is running until then. */
function heldService() {
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const held: ServerResponse<IncomingMessage>[] = [];
  const server = createServer((_req, res) => {
    held.push(res);
    arrived();
  });
  return {
    reached,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`)),
      ),
    release: () => {
      for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'application/json' }).end('{"done":true}');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the standalone server as a process', () => {
  it('prints its URL and a first owner key, runs workflows with that key, and on SIGTERM lets the running execution finish and exits 0', async () => {
    const db = join(dir, 'first.sqlite');
    const serve = await spawnServe(['--db', db, '--port', '0', '--allow-private-networks'], { cwd: dir });
    const [, key] = await serve.line('stdout', /^Owner API key of tenant 'default' .*: (flk_\S+)$/);
    const [, url] = await serve.line('stdout', /^Flowloom API listening on (http:\/\/127\.0\.0\.1:\d+) /);
    const call = (path: string, init: { method?: string; json?: unknown } = {}) =>
      fetch(`${url}${path}`, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });

    expect(await (await fetch(`${url}/livez`)).json()).toEqual({ status: 'ok' });
    expect((await call('/workflows', { json: edit })).status).toBe(201);
    const run = await call('/workflows/greet/run', { json: { input: [{ name: 'Ada' }] } });
    expect(run.status).toBe(200);
    const execution = (await run.json()) as { status: string; nodes: Record<string, { output?: { main?: { json: unknown }[][] } }[]> };
    expect(execution.status).toBe('success');
    expect(JSON.stringify(execution.nodes['edit'])).toContain('Hello Ada');

    const service = heldService();
    try {
      const slowUrl = await service.listen();
      const slow = buildWorkflow({
        id: 'slow',
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { id: 'call', type: 'core.httpRequest', parameters: { url: slowUrl } },
        ],
        connections: [['start', 'call']],
      });
      expect((await call('/workflows', { json: slow })).status).toBe(201);
      const started = await call('/workflows/slow/run', { json: { async: true } });
      expect(started.status).toBe(202);
      const { executionId: id } = (await started.json()) as { executionId: string };
      await service.reached;

      serve.child.kill('SIGTERM');
      await serve.line('stderr', /SIGTERM: no longer accepting connections; waiting up to 30 s for 1 running execution\./);
      await expect(fetch(`${url}/livez`)).rejects.toThrow();
      service.release();
      expect(await serve.exited).toBe(0);
      expect(serve.stderr).toContain('flowloom serve: stopped.');

      const storage = await openSqliteStorage(db);
      try {
        expect((await storage.executions.get('default', id))?.status).toBe('success');
      } finally {
        await storage.close();
      }
    } finally {
      service.release();
      await service.close();
      if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    }

    // Started again over the same file: no new key is printed, and the first one still opens the same workflows.
    const again = await spawnServe(['--db', db, '--port', '0'], { cwd: dir });
    try {
      const [, url2] = await again.line('stdout', /^Flowloom API listening on (http:\/\/127\.0\.0\.1:\d+) /);
      expect(again.stdout.some((line) => line.includes('flk_'))).toBe(false);
      const list = await fetch(`${url2}/workflows`, { headers: { authorization: `Bearer ${key}` } });
      expect(list.status).toBe(200);
      expect(JSON.stringify(await list.json())).toContain('"greet"');
      again.child.kill('SIGINT');
      await again.line('stderr', /SIGINT: no longer accepting connections; no execution is running\./);
      expect(await again.exited).toBe(0);
    } finally {
      if (again.child.exitCode === null) again.child.kill('SIGKILL');
    }
  });

  it('refuses a bad option with exit code 2 and a message naming it', async () => {
    const serve = await spawnServe(['--db', join(dir, 'bad.sqlite'), '--port', 'eighty'], { cwd: dir });
    expect(await serve.exited).toBe(2);
    expect(serve.stderr[0]).toBe("flowloom serve: --port must be a whole number from 0 to 65535, got 'eighty'.");
    expect(serve.stdout).toEqual([]);
  });
});
