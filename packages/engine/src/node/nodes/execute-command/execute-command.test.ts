import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../../model/item.js';
import { silentLogger } from '../../../ports/logger.js';
import { buildWorkflow } from '../../../testing/build-workflow.js';
import { createTestClock } from '../../../testing/test-clock.js';
import { createNodeEngine, type NodeEngineOptions } from '../../create-node-engine.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'flowloom-command-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function workflow(parameters: Record<string, unknown>) {
  return buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'cmd', name: 'Command', type: 'core.executeCommand', parameters },
    ],
    connections: [['start', 'cmd']],
  });
}

async function run(parameters: Record<string, unknown>, options: NodeEngineOptions, input: Item[] = [{ json: {} }]) {
  const engine = createNodeEngine({ logger: silentLogger, ...options });
  const execution = await engine.run(workflow(parameters), { input });
  return { execution, json: (execution.nodes.cmd?.[0]?.output?.main ?? []).map((i) => i.json) };
}

/** Whether a process still runs: not gone, and not a zombie (ended, waiting to be reaped by an init that may never do it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !/^\d+ \(.*\) [ZX]/s.test(stat);
}

/** Resolves once a file exists in the test folder (the command renames it into place when it is written whole). */
function whenFile(path: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dir, () => {
      if (!existsSync(path)) return;
      watcher.close();
      resolve();
    });
    if (existsSync(path)) {
      watcher.close();
      resolve();
    }
  });
}

const enabled: NodeEngineOptions = { executeCommand: { enabled: true } };

describe('Execute Command', () => {
  it.each([
    ['no executeCommand option', {}],
    ['enabled: false', { executeCommand: { enabled: false } }],
  ])('is refused with %s', async (_, options: NodeEngineOptions) => {
    const { execution } = await run({ command: `touch ${join(dir, 'ran')}` }, options);
    expect(execution.error).toMatchObject({ code: 'COMMANDS_DISABLED' });
    expect(execution.error?.message).toBe(
      "Node 'Command': running commands is turned off on this engine. The host turns it on with createNodeEngine({ executeCommand: { enabled: true } }).",
    );
    expect(() => readFileSync(join(dir, 'ran'))).toThrow();
  });

  it('runs the command with the shell and gives its exit code, stdout and stderr', async () => {
    const { execution, json } = await run({ command: "printf 'line 1\\nline 2\\n'; echo oops >&2; exit 3" }, enabled);
    expect(execution.error).toBeUndefined();
    expect(json).toEqual([{ exitCode: 3, stdout: 'line 1\nline 2', stderr: 'oops' }]);
  });

  it('runs once with the first item, or once per item', async () => {
    const input = [{ json: { n: 1 } }, { json: { n: 2 } }];
    const once = await run({ command: 'echo {{ $json.n }}' }, enabled, input);
    expect(once.json.map((j) => j.stdout)).toEqual(['1']);
    const each = await run({ command: 'echo {{ $json.n }}', executeOnce: false }, enabled, input);
    expect(each.json.map((j) => j.stdout)).toEqual(['1', '2']);
    expect(each.execution.nodes.cmd?.[0]?.output?.main?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('keeps the host process’s other environment variables from commands, and runs in the host’s folder', async () => {
    process.env.FLOWLOOM_TEST_SECRET = 'do-not-leak';
    try {
      const plain = await run({ command: 'echo "[$FLOWLOOM_TEST_SECRET]"; test -n "$PATH" && echo has-path' }, enabled);
      expect(plain.json[0]?.stdout).toBe('[]\nhas-path');
      const given = await run(
        { command: 'echo "$GREETING"; pwd' },
        { executeCommand: { enabled: true, cwd: dir, env: { GREETING: 'hello', PATH: process.env.PATH ?? '' } } },
      );
      expect(given.json[0]?.stdout).toBe(`hello\n${dir}`);
    } finally {
      delete process.env.FLOWLOOM_TEST_SECRET;
    }
  });

  it('stops the command, and what it started, when the time limit on the engine clock passes', async () => {
    const clock = createTestClock();
    const engine = createNodeEngine({ logger: silentLogger, clock, executeCommand: { enabled: true, timeoutMs: 60_000 } });
    const pids = join(dir, 'pids');
    const running = engine.run(
      workflow({ command: `sleep 600 & echo $$ $! > ${pids}.tmp && mv ${pids}.tmp ${pids}; wait`, timeoutMs: 4321 }),
      {
        input: [{ json: {} }],
      },
    );
    await Promise.all([clock.whenTimer(4321), whenFile(pids)]);
    clock.advance(4321);
    const execution = await running;
    expect(execution.error).toMatchObject({ code: 'COMMAND_TIMEOUT' });
    expect(execution.error?.message).toBe("Node 'Command': the command did not finish within 4321 ms and was stopped.");
    const [shell, child] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    expect([alive(shell!), alive(child!)]).toEqual([false, false]);
  });

  it('never allows more time than the host’s limit, and clears its timer when the command ends', async () => {
    const clock = createTestClock();
    const engine = createNodeEngine({ logger: silentLogger, clock, executeCommand: { enabled: true, timeoutMs: 2500 } });
    const running = engine.run(workflow({ command: 'sleep 600', timeoutMs: 999_999 }), { input: [{ json: {} }] });
    await clock.whenTimer(2500);
    clock.advance(2500);
    expect((await running).error?.message).toBe("Node 'Command': the command did not finish within 2500 ms and was stopped.");
    const quick = await engine.run(workflow({ command: 'true' }), { input: [{ json: {} }] });
    expect(quick.error).toBeUndefined();
    expect(clock.pendingTimers).toBe(0);
  });

  it('stops a command that writes more than the host allows', async () => {
    const { execution } = await run({ command: 'head -c 100000 /dev/zero' }, { executeCommand: { enabled: true, maxOutputBytes: 1000 } });
    expect(execution.error).toMatchObject({ code: 'COMMAND_OUTPUT_TOO_LARGE' });
    expect(execution.error?.message).toBe("Node 'Command': the command wrote more than 1000 bytes to stdout and was stopped.");
  });

  it('refuses options of the wrong kind when the engine is made', () => {
    expect(() => createNodeEngine({ executeCommand: { enabled: 'yes' as never } })).toThrow(
      "createNodeEngine: option 'executeCommand.enabled' must be true or false.",
    );
    expect(() => createNodeEngine({ executeCommand: { enabled: true, timeout: 5 } as never })).toThrow(
      /unknown option 'executeCommand\.timeout'/,
    );
  });
});
