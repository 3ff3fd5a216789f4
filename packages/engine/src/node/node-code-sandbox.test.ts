import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CODE_LIMITS, type CodeLimits } from '../code-sandbox/code-limits.js';
import type { CodeSandbox } from '../code-sandbox/code-sandbox.js';
import type { CodeRunRequest, SandboxRequestMessage, SandboxResponseMessage } from '../code-sandbox/protocol.js';
import { createWorkerSandbox } from '../code-sandbox/worker-sandbox.js';
import { adaptNodeWorker, createNodeCodeSandbox } from './node-code-sandbox.js';
import { workerScript } from './worker-script.js';

/** A real worker sandbox that counts the workers it starts. */
async function countingSandbox(options: { maxWorkers?: number } = {}) {
  const url = await workerScript('code-worker');
  const spawned: string[] = [];
  /** Workers alive now, and the most ever alive at once. */
  const alive = { now: 0, most: 0 };
  let sent: () => void = () => {};
  /** Resolves when the next request is handed to a worker. */
  const nextSent = () => new Promise<void>((resolve) => (sent = resolve));
  const sandbox = createWorkerSandbox({
    maxWorkers: options.maxWorkers ?? 4,
    spawn: (tenantId) => {
      spawned.push(tenantId);
      const port = adaptNodeWorker<SandboxRequestMessage, SandboxResponseMessage>(
        new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: 128 } }),
      );
      alive.most = Math.max(alive.most, ++alive.now);
      return {
        ...port,
        postMessage: (message) => {
          port.postMessage(message);
          sent();
        },
        terminate: () => {
          alive.now--;
          return port.terminate();
        },
      };
    },
  });
  return { sandbox, spawned, nextSent, alive };
}

const opened: CodeSandbox[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

function request(code: string, extra: { tenantId?: string; limits?: Partial<CodeLimits>; dataJson?: string } = {}): CodeRunRequest {
  return {
    tenantId: extra.tenantId ?? 't1',
    nodeName: 'Code',
    mode: 'allItems',
    code,
    dataJson: extra.dataJson ?? JSON.stringify({ items: [], nodes: {}, vars: {}, execution: {}, workflow: {}, runIndex: 0 }),
    limits: { ...DEFAULT_CODE_LIMITS, ...extra.limits },
  };
}

describe('worker sandbox', () => {
  it('ends a worker stuck in a native built-in and starts a fresh one for the next run', async () => {
    const { sandbox, spawned } = await countingSandbox();
    opened.push(sandbox);
    expect((await sandbox.run(request('return [{ warm: true }];'))).ok).toBe(true);
    // join() runs in native code, where the interrupt handler is never asked; only the watchdog stops it.
    const stuck = await sandbox.run(request("return [{ n: new Array(1e8).join('x').length }];", { limits: { timeoutMs: 100 } }));
    expect(stuck).toMatchObject({ ok: false, error: { code: 'CODE_TIMEOUT' } });
    expect(spawned).toEqual(['t1']);
    const next = await sandbox.run(request('return [{ after: true }];'));
    expect(next).toMatchObject({ ok: true, outputJson: '[{"after":true}]' });
    expect(spawned).toEqual(['t1', 't1']);
  });

  it('reuses a worker between runs of one tenant and never shares it with another tenant', async () => {
    const { sandbox, spawned } = await countingSandbox();
    opened.push(sandbox);
    await sandbox.run(request('globalThis.mark = 1; return [];', { tenantId: 'a' }));
    await sandbox.run(request('return [];', { tenantId: 'b' }));
    await sandbox.run(request('return [];', { tenantId: 'a' }));
    await sandbox.run(request('return [];', { tenantId: 'b' }));
    expect(spawned).toEqual(['a', 'b']);
  });

  it('starts a tenant worker ahead of its first run when asked to prepare', async () => {
    const { sandbox, spawned } = await countingSandbox();
    opened.push(sandbox);
    sandbox.prepare?.('early');
    expect(spawned).toEqual(['early']);
    expect((await sandbox.run(request('return [{ v: 1 }];', { tenantId: 'early' }))).ok).toBe(true);
    expect(spawned).toEqual(['early']);
  });

  it('ends the least recently used idle worker past its worker cap', async () => {
    const { sandbox, spawned } = await countingSandbox({ maxWorkers: 1 });
    opened.push(sandbox);
    await sandbox.run(request('return [];', { tenantId: 'a' }));
    await sandbox.run(request('return [];', { tenantId: 'b' }));
    await sandbox.run(request('return [];', { tenantId: 'a' }));
    expect(spawned).toEqual(['a', 'b', 'a']);
  });

  it('with maxWorkers: 1, makes another tenant wait for the worker instead of starting a second one', async () => {
    const { sandbox, spawned, alive } = await countingSandbox({ maxWorkers: 1 });
    opened.push(sandbox);
    const [a, b] = await Promise.all([
      sandbox.run(request('return [{ t: "a" }];', { tenantId: 'a' })),
      sandbox.run(request('return [{ t: "b" }];', { tenantId: 'b' })),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(spawned).toEqual(['a', 'b']);
    expect(alive.most).toBe(1);
  });

  it('keeps memory stable over 100 runs in one worker', async () => {
    const { sandbox, spawned } = await countingSandbox();
    opened.push(sandbox);
    const code =
      'const list = []; for (let i = 0; i < 2000; i++) list.push({ i, s: "item " + i }); console.log(list.length); return list.slice(0, 3);';
    const sizes: number[] = [];
    for (let i = 0; i < 100; i++) {
      const result = await sandbox.run(request(code));
      expect(result.ok).toBe(true);
      sizes.push(result.memoryBytes!);
    }
    expect(spawned).toEqual(['t1']);
    // WebAssembly memory only grows; the same size after the warm-up means each run gave back what it took.
    expect(sizes[99]).toBe(sizes[9]);
  });

  it('refuses an input larger than a worker can hold, before sending it', async () => {
    const { sandbox, spawned } = await countingSandbox();
    opened.push(sandbox);
    const huge = JSON.stringify({
      items: [{ json: { s: 'x'.repeat(40 * 1024 * 1024) } }],
      nodes: {},
      vars: {},
      execution: {},
      workflow: {},
      runIndex: 0,
    });
    const result = await sandbox.run(request('return [];', { dataJson: huge }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CODE_INPUT_TOO_LARGE', message: '40.0 MiB of JSON is over the 32 MiB input limit' },
    });
    expect(spawned).toEqual([]);
  });

  it('ends the worker when the caller cancels, and rejects with the reason', async () => {
    const { sandbox, spawned, nextSent } = await countingSandbox();
    opened.push(sandbox);
    const controller = new AbortController();
    const sent = nextSent();
    const pending = sandbox.run(request('for (;;) {}'), controller.signal);
    // Cancel once the worker has the code (the loop never ends, so the cancel always finds it running).
    await sent;
    controller.abort(new Error('stop now'));
    await expect(pending).rejects.toThrow('stop now');
    expect((await sandbox.run(request('return [];'))).ok).toBe(true);
    expect(spawned).toEqual(['t1', 't1']);
  });

  it('starts its worker script lazily through createNodeCodeSandbox', async () => {
    const sandbox = createNodeCodeSandbox();
    opened.push(sandbox);
    const result = await sandbox.run(request('return [{ v: 1 + 1 }];'));
    expect(result).toMatchObject({ ok: true, outputJson: '[{"v":2}]' });
  });

  it('hands a large array output over in parts, parsed in order as they arrive', async () => {
    const { sandbox } = await countingSandbox();
    opened.push(sandbox);
    const items = Array.from({ length: 20_000 }, (_, n) => ({ json: { n, name: `item ${n}` } }));
    const dataJson = JSON.stringify({ items, nodes: {}, vars: {}, execution: {}, workflow: {}, runIndex: 0 });
    const result = await sandbox.run(request('return items.map((item) => ({ n: item.json.n * 2, name: item.json.name }));', { dataJson }));
    // Parts arrive and are parsed before the result: it carries the array, not its text.
    expect(result.ok && 'output' in result).toBe(true);
    const output = (result as { output: { n: number; name: string }[] }).output;
    expect(output).toHaveLength(20_000);
    expect(output.every((value, i) => value.n === i * 2 && value.name === `item ${i}`)).toBe(true);
    // A small output still comes back as one text.
    expect(await sandbox.run(request('return [{ small: true }];'))).toMatchObject({ ok: true, outputJson: '[{"small":true}]' });
  });

  it('drops the parts already sent when a streamed output passes its cap', async () => {
    const { sandbox } = await countingSandbox();
    opened.push(sandbox);
    const code = "const out = []; for (let i = 0; i < 30000; i++) out.push({ i, pad: 'x'.repeat(100) }); return out;";
    const result = await sandbox.run(request(code, { limits: { outputMb: 1 } }));
    expect(result).toMatchObject({ ok: false, error: { code: 'CODE_OUTPUT_TOO_LARGE' } });
    expect((await sandbox.run(request('return [{ next: 1 }];'))).ok).toBe(true);
  });
});
