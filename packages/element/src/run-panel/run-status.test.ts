import { createEngine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, settle, testNodeTypes } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';
import { networkHint } from './run-status.js';

/** The colour a custom property resolves to on an element, as the browser computes colours. */
function resolved(el: Element, property: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${property})`;
  el.shadowRoot!.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

async function runToEnd(el: WorkflowEditor): Promise<void> {
  let finished = false;
  el.addEventListener('wf-execution-finish', () => (finished = true), { once: true });
  void el.run();
  await until(() => finished, 'the run finished');
  await settle(el);
}

const status = (el: WorkflowEditor) => part(el, 'wf-run-panel').querySelector<HTMLElement>('.status')!;

describe('run status', () => {
  it('announces the run status politely, red when it failed, green when it succeeded, neutral while running', async () => {
    const el = await mountEditor(
      buildWorkflow({
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
          { id: 's', name: 'Slow', type: 'test.slow', position: { x: 300, y: 0 } },
        ],
        connections: [['t', 's']],
      }),
    );
    const panel = part(el, 'wf-run-panel');
    equal(status(el).getAttribute('aria-live'), 'polite');
    equal(status(el).getAttribute('role'), 'status');
    let finished = false;
    el.addEventListener('wf-execution-finish', () => (finished = true), { once: true });
    void el.run();
    await until(() => el.store.nodeStatus.get('s') === 'running', 'the slow node runs');
    await settle(el);
    equal(status(el).textContent, 'Running…');
    equal(getComputedStyle(status(el)).color, resolved(panel.host as Element, '--wf-color-text'), 'running is neutral');
    el.actions.cancelRun();
    await until(() => finished, 'the run was canceled');
    await settle(el);
    equal(status(el).textContent, 'Run canceled');
    equal(getComputedStyle(status(el)).color, resolved(panel.host as Element, '--wf-color-text'), 'canceled is neutral');

    el.workflow = buildWorkflow({
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
        { id: 'f', name: 'Fails', type: 'test.fail', position: { x: 300, y: 0 } },
      ],
      connections: [['t', 'f']],
    });
    await runToEnd(el);
    equal(status(el).textContent, 'Run failed');
    equal(getComputedStyle(status(el)).color, resolved(panel.host as Element, '--wf-color-danger'));
    equal(getComputedStyle(status(el)).color, 'rgb(220, 38, 38)', 'the light theme’s red');

    el.workflow = buildWorkflow({ nodes: [{ id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } }] });
    await runToEnd(el);
    equal(status(el).textContent, 'Run succeeded');
    equal(getComputedStyle(status(el)).color, resolved(panel.host as Element, '--wf-color-success'));
    equal(getComputedStyle(status(el)).color, 'rgb(22, 163, 74)', 'the light theme’s green');
  });

  it('says a request the browser could not send was refused or unreachable, and points to the relay', async () => {
    // Another origin that sends no CORS headers: the test server under the other name of this machine.
    const page = new URL(location.href);
    const other = new URL('/packages/element/package.json', page);
    other.hostname = page.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const el = await mountEditor(
      buildWorkflow({
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
          { id: 'h', name: 'Fetch', type: 'core.httpRequest', position: { x: 300, y: 0 }, parameters: { url: other.href } },
        ],
        connections: [['t', 'h']],
      }),
      // The test server is on this machine: let the page's engine call it.
      (e) => (e.engine = createEngine({ nodeTypes: testNodeTypes, http: { allowPrivateNetworks: true } })),
    );
    await runToEnd(el);
    const error = el.store.lastRun('h')?.error?.message ?? '';
    ok(error.includes('Failed to fetch'), `Chromium's own words for a refused request: ${error}`);
    el.store.select(['h']);
    await settle(el);
    const box = part(el, 'wf-run-panel').querySelector('.error-box')!;
    const hint = box.querySelector('.network-hint')?.textContent ?? '';
    ok(navigator.onLine, 'the test browser is online');
    ok(hint.includes('cross-origin request (CORS)') && hint.includes('relayFetch'), hint);
  });

  it('tells an offline browser from a refusal', () => {
    equal(networkHint('GET https://api.example.com could not be sent: Failed to fetch', false), 'run.hint.offline');
    equal(networkHint('GET https://api.example.com could not be sent: Failed to fetch', true), 'run.hint.refused');
    equal(networkHint('NetworkError when attempting to fetch resource.', true), 'run.hint.refused');
    equal(networkHint('GET https://api.example.com answered 500 Internal Server Error.', true), undefined);
    equal(networkHint(undefined, false), undefined);
  });
});
