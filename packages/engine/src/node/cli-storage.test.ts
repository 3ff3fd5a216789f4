import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorkflow } from '../testing/build-workflow.js';
import { runCli } from './cli.js';
import { cliExecutionOptions } from './cli-storage.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowloom-cli-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('flowloom run --db without a database adapter', () => {
  it('refuses the run, naming what to use instead', async () => {
    writeFileSync(join(dir, 'wf.json'), JSON.stringify(buildWorkflow({ nodes: [{ id: 'start', type: 'core.manualTrigger' }] })));
    let stdout = '';
    let stderr = '';
    const code = await runCli(['run', 'wf.json', '--db', 'history.sqlite'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: dir,
      env: {},
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--db needs a database adapter: use the flowloom command of @flowloom/cli');
  });
});

describe('CLI crash recovery owners', () => {
  it('takes a CLI process for alive while it runs and for dead once it exited', () => {
    const { isOwnerAlive, instanceId } = cliExecutionOptions();
    expect(instanceId).toContain(`:${process.pid}:`);
    expect(isOwnerAlive!(instanceId)).toBe(true);
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    expect(isOwnerAlive!(`cli:${hostname()}:${exited.stdout}:abc`)).toBe(false);
    expect(isOwnerAlive!(`cli:another-host:1:abc`)).toBe(true);
    expect(isOwnerAlive!(undefined)).toBe(false);
  });
});
