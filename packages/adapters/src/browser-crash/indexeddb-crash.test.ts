// Kills a real Chromium renderer mid-run (between two node writes) and checks what IndexedDB kept.
// It drives the system Chromium from Node because @web/test-runner cannot crash its own tab.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startTestHttpServer, type TestHttpServer } from '@flowloom/engine/testing/node';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const engineSrc = join(here, '../../../engine/src');
let server: TestHttpServer;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(here, 'crash-page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'error',
    plugins: [
      {
        name: 'flowloom-sources',
        setup(b) {
          b.onResolve({ filter: /^@flowloom\/engine(\/testing)?$/ }, (args) => ({
            path: join(engineSrc, args.path.endsWith('/testing') ? 'testing/index.ts' : 'index.ts'),
          }));
        },
      },
    ],
  });
  const script = bundle.outputFiles[0]!.text;
  server = await startTestHttpServer((req, res) => {
    const js = req.url === '/page.js';
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? script : '<!doctype html><script type="module" src="/page.js"></script>');
  });
  origin = `${server.url}/`;
  browser = await chromium.launch({
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('indexeddb adapter: a tab killed mid-run', () => {
  it('loses nothing committed, is found crashed, and retries to the uninterrupted result without re-running finished nodes', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    await first.goto(origin);
    await first.waitForFunction(() => (globalThis as unknown as { pageReady?: boolean }).pageReady === true);
    await first.evaluate(() => void (globalThis as unknown as { startRun(): Promise<void> }).startRun());
    await first.waitForFunction(() => (globalThis as unknown as { atGate?: boolean }).atGate === true);
    // Kill the renderer process: no unload handlers, no chance to finish writing. (Awaiting the
    // command itself never settles, since the page that would answer is gone.)
    const cdp = await context.newCDPSession(first);
    const crashed = new Promise((resolve) => first.once('crash', resolve));
    void cdp.send('Page.crash').catch(() => {});
    await crashed;

    const second = await context.newPage();
    await second.goto(origin);
    await second.waitForFunction(() => (globalThis as unknown as { pageReady?: boolean }).pageReady === true);
    const r = await second.evaluate(() => (globalThis as unknown as { recover(): Promise<Record<string, unknown>> }).recover());
    await context.close();

    expect(r['crashedCount']).toBe(1);
    expect(r['status']).toBe('crashed');
    expect(r['storedNodes']).toEqual(['a', 'b', 'start']);
    expect(r['storedB']).toEqual([11, 16]);
    expect(r['runsBefore']).toBe('a,b,gate,');
    // The retry ran only the interrupted gate and c; the reference run then ran all four steps.
    expect(r['runsAfter']).toBe('a,b,gate,gate,c,a,b,gate,c,');
    expect(r['retried']).toMatchObject({ status: 'success', reused: [true, true, true] });
    expect(r['output']).toEqual(r['reference']);
  });
});
