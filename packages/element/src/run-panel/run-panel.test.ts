import type { EngineEvent, Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok, until } from '../testing/assert.js';
import { canvasOf, mountEditor, part, settle } from '../testing/fixture.js';

describe('run and inspect', () => {
  it('runs in the page, shows live status and the items of the selected node as a table and JSON', async () => {
    const el = await mountEditor();
    const started: string[] = [];
    let finished: Execution | undefined;
    el.addEventListener('wf-execution-start', (e) => started.push(e.detail.workflow.id));
    el.addEventListener('wf-execution-finish', (e) => (finished = e.detail.execution));
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.run')!.click();
    await until(() => finished, 'the run finished');
    equal(started, ['sample']);
    equal(finished!.status, 'success');
    el.store.select(['p']);
    await settle(el);
    const panel = part(el, 'wf-run-panel');
    equal(panel.querySelector('.status')!.textContent, 'Run succeeded');
    equal(
      [...panel.querySelectorAll('section.output th')].map((th) => th.textContent),
      ['#', 'name', 'age', 'address'],
    );
    ok(panel.querySelector('section.output td[title="{\\"city\\":\\"London\\"}"]'));
    panel.querySelectorAll<HTMLButtonElement>('.views button')[1]!.click();
    await settle(el);
    ok(panel.querySelector('section.output pre')!.textContent!.includes('"Wilmslow"'));
    equal(canvasOf(el).shadowRoot!.querySelectorAll('.badge.success').length, 3);
  });

  it('shows a failing node with its error on the node and in the panel', async () => {
    const el = await mountEditor(
      buildWorkflow({
        id: 'failing',
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger' },
          { id: 'x', name: 'Boom', type: 'test.fail', position: { x: 300, y: 0 } },
        ],
        connections: [['t', 'x']],
      }),
    );
    const execution = await el.run();
    equal(execution!.status, 'error');
    el.store.select(['x']);
    await settle(el);
    const node = canvasOf(el).shadowRoot!.querySelector('.node[data-id="x"]')!;
    ok(node.querySelector('.badge.error'));
    ok(node.querySelector('.error-marker')!.getAttribute('title')!.includes('always fails'));
    ok(part(el, 'wf-run-panel').querySelector('.error-box')!.textContent!.includes('this node always fails'));
  });

  it('cancels a run in progress', async () => {
    const el = await mountEditor(
      buildWorkflow({
        id: 'slow',
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger' },
          { id: 's', name: 'Slow', type: 'test.slow', position: { x: 300, y: 0 } },
        ],
        connections: [['t', 's']],
      }),
    );
    const run = el.run();
    await until(() => el.store.nodeStatus.get('s') === 'running', 'the slow node started');
    await settle(el);
    canvasOf(el);
    ok(canvasOf(el).shadowRoot!.querySelector('.node[data-id="s"] .badge.running'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.cancel')!.click();
    equal((await run)!.status, 'canceled');
  });

  it('uses a host-supplied runner instead of the engine', async () => {
    const el = await mountEditor();
    const seen: string[] = [];
    el.runner = async (workflow, { onEvent }) => {
      const execution: Execution = {
        id: 'remote-1',
        workflowId: workflow.id,
        tenantId: 't',
        status: 'success',
        mode: 'manual',
        startedAt: '',
        nodes: {},
      };
      onEvent({ type: 'executionStart', execution } as EngineEvent);
      onEvent({
        type: 'nodeStart',
        executionId: 'remote-1',
        workflowId: workflow.id,
        nodeId: 't',
        nodeName: 'Start',
        runIndex: 0,
      } as EngineEvent);
      seen.push(workflow.id);
      return execution;
    };
    const execution = await el.run();
    equal(execution!.id, 'remote-1');
    equal(seen, ['sample']);
    equal(el.store.nodeStatus.get('t'), 'running');
  });
});

describe('run panel: counts and rows as people read them', () => {
  const branching = () =>
    buildWorkflow({
      id: 'branching',
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger' },
        {
          id: 's',
          name: 'Set',
          type: 'core.set',
          position: { x: 300, y: 0 },
          parameters: { fields: [{ name: 'age', type: 'number', value: 42 }] },
        },
        {
          id: 'if',
          name: 'If',
          type: 'core.if',
          position: { x: 600, y: 0 },
          parameters: { conditions: [{ field: 'age', operator: 'number:gt', rightValue: 40 }] },
        },
      ],
      connections: [
        ['t', 's'],
        ['s', 'if'],
      ],
    });

  it('says "1 item", numbers rows from 1 as the inspector does, and shows no table for an empty port', async () => {
    const el = await mountEditor(branching());
    equal((await el.run())!.status, 'success');
    el.store.select(['if']);
    await settle(el);
    const output = part(el, 'wf-run-panel').querySelector('section.output')!;
    equal(
      [...output.querySelectorAll('.muted')].map((m) => m.textContent!.trim()),
      ['1 item', '0 items'],
    );
    equal(output.querySelectorAll('table').length, 1, 'the empty false port has no table');
    equal(
      [...output.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('td')!.textContent),
      ['1'],
    );
    const inspectorRows = [...part(el, 'wf-inspector').querySelectorAll('wf-node-data')].flatMap((d) => [
      ...d.shadowRoot!.querySelectorAll('.input tbody tr'),
    ]);
    equal(
      inspectorRows.map((tr) => tr.querySelector('td')!.textContent),
      ['1'],
    );
  });

  it('follows French plural rules: 0 and 1 are singular', async () => {
    const el = await mountEditor(branching(), (e) => (e.locale = 'fr'));
    equal((await el.run())!.status, 'success');
    el.store.select(['if']);
    await until(() => part(el, 'wf-run-panel').querySelector('section.output .muted')?.textContent?.includes('élément'), 'French text');
    equal(
      [...part(el, 'wf-run-panel').querySelectorAll('section.output .muted')].map((m) => m.textContent!.trim()),
      ['1 élément', '0 élément'],
    );
  });
});
