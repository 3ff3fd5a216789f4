import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('the flowloom command after npm install', () => {
  const pkg = JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8')) as {
    bin: Record<string, string>;
    dependencies: Record<string, string>;
  };
  const shim = join(repo, 'packages/cli', pkg.bin.flowloom!);

  it('is a committed, executable file outside dist/, so npm links it before anything is built', () => {
    expect(pkg.bin.flowloom).not.toMatch(/dist\//);
    const tracked = spawnSync('git', ['ls-files', '-s', 'packages/cli/bin/flowloom.js'], { cwd: repo, encoding: 'utf8' });
    expect(tracked.stdout).toMatch(/^100755 /);
    expect(statSync(shim).mode & 0o111).not.toBe(0);
    expect(readFileSync(shim, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('names the engine, the SQLite adapter and the server it runs with as dependencies', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@flowloom/adapters', '@flowloom/engine', '@flowloom/server']);
  });

  it('is linked in node_modules/.bin by the install', () => {
    expect(realpathSync(join(repo, 'node_modules/.bin/flowloom'))).toBe(realpathSync(shim));
  });

  it('runs the README sample with npx without asking the registry', () => {
    const r = spawnSync('npx', ['--no', 'flowloom', 'run', 'examples/hello/workflow.json', '--input', 'examples/hello/input.json'], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, npm_config_offline: 'true' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ workflowId: 'hello', status: 'success' });
  });

  it('serves the REST API with `flowloom serve`, as `npx @flowloom/server` does, and refuses a bad option with exit code 2', () => {
    if (!existsSync(join(repo, 'packages/cli/dist/bin.js')) || !existsSync(join(repo, 'packages/server/dist/standalone/index.js')))
      throw new Error('Build first (npm run build): packages/cli/dist/bin.js or packages/server/dist/standalone/index.js is missing.');
    const help = spawnSync(process.execPath, [shim, '--help'], { cwd: repo, encoding: 'utf8', timeout: 300_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('flowloom serve [--db <file.sqlite>]');
    const serverPkg = JSON.parse(readFileSync(join(repo, 'packages/server/package.json'), 'utf8')) as { bin: Record<string, string> };
    const serverBin = join(repo, 'packages/server', serverPkg.bin['flowloom-server']!);
    for (const [command, name] of [
      [[shim, 'serve'], 'flowloom serve'],
      [[serverBin], 'flowloom-server'],
    ] as const) {
      const r = spawnSync(process.execPath, [...command, '--db', 'unused.sqlite', '--port', 'eighty'], {
        cwd: repo,
        encoding: 'utf8',
        timeout: 300_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`${name}: --port must be a whole number from 0 to 65535, got 'eighty'.`);
      expect(existsSync(join(repo, 'unused.sqlite'))).toBe(false);
    }
  });

  it('keeps the execution history in the SQLite file --db names', async () => {
    if (!existsSync(join(repo, 'packages/cli/dist/bin.js')))
      throw new Error('Build first (npm run build): packages/cli/dist/bin.js is missing.');
    const dir = mkdtempSync(join(tmpdir(), 'flowloom-bin-db-'));
    try {
      const hello = readFileSync(join(repo, 'examples/hello/workflow.json'), 'utf8');
      writeFileSync(join(dir, 'wf.json'), hello);
      const r = spawnSync(process.execPath, [shim, 'run', 'wf.json', '--db', 'history.sqlite', '--in-process'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 300_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const { id, workflowId } = JSON.parse(r.stdout) as { id: string; workflowId: string };
      const storage = await openSqliteStorage(join(dir, 'history.sqlite'));
      try {
        expect((await storage.executions.get('default', id))?.status).toBe('success');
        expect((await storage.workflows.listVersions('default', workflowId)).length).toBe(1);
      } finally {
        await storage.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
