import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorkflow } from '@flowloom/engine/testing';
import { runCli } from '@flowloom/engine/node';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowloom-cli-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const workflow = (name: string) =>
  buildWorkflow({
    id: 'hello',
    name,
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'a', type: 'core.noOp' },
    ],
    connections: [['start', 'a']],
  });

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  // The storage the `flowloom` binary passes (src/bin.ts).
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: dir,
    env,
    openStorage: (file) => openSqliteStorage(file),
  });
  return { code, stdout, stderr };
}

describe('flowloom run --db', () => {
  it('keeps the execution history and the workflow’s versions in the SQLite file', async () => {
    writeFileSync(join(dir, 'wf.json'), JSON.stringify(workflow('first')));
    const one = await cli(['run', 'wf.json', '--db', 'history.sqlite']);
    expect(one.code).toBe(0);
    await cli(['run', 'wf.json', '--db', 'history.sqlite']);
    writeFileSync(join(dir, 'wf.json'), JSON.stringify(workflow('second')));
    await cli(['run', 'wf.json', '--db', 'history.sqlite']);

    const storage = await openSqliteStorage(join(dir, 'history.sqlite'));
    expect(await storage.executions.count('default', { workflowId: 'hello', status: 'success' })).toBe(3);
    const id = (JSON.parse(one.stdout) as { id: string }).id;
    expect(Object.keys((await storage.executions.get('default', id))!.nodes).sort()).toEqual(['a', 'start']);
    expect((await storage.workflows.listVersions('default', 'hello')).map((v) => v.name)).toEqual(['second', 'first']);
    await storage.close();
  });

  it('uses the FLOWLOOM_DB environment variable when --db is not given', async () => {
    writeFileSync(join(dir, 'wf.json'), JSON.stringify(workflow('env')));
    expect((await cli(['run', 'wf.json'], { FLOWLOOM_DB: 'from-env.sqlite' })).code).toBe(0);
    expect(existsSync(join(dir, 'from-env.sqlite'))).toBe(true);
    expect((await cli(['run', 'wf.json'], {})).code).toBe(0);
  });

  it('says which file is not a database instead of running', async () => {
    writeFileSync(join(dir, 'wf.json'), JSON.stringify(workflow('x')));
    writeFileSync(join(dir, 'broken.sqlite'), 'not a database at all '.repeat(100));
    const r = await cli(['run', 'wf.json', '--db', 'broken.sqlite']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken.sqlite');
    expect(r.stderr).toContain('not a usable SQLite database');
  });
});
