import { createEngine, defineNode, silentLogger, type Engine, type Workflow } from '@flowloom/engine';
import { buildWorkflow, createTestClock, type TestClock } from '@flowloom/engine/testing';
import { sendKeys } from '@web/test-runner-commands';
import { z } from 'zod';
import { equal, ok, until } from '../testing/assert.js';
import './define.js';
import { EngineDataSource, type EngineDataSourceOptions } from './engine-data-source.js';
import { createMemoryMemberDirectory, type MemberDirectory } from './member-directory.js';
import type { WorkflowDashboard } from './workflow-dashboard.component.js';

// Executions come from the engine's own runner; a test clock makes their durations exact.
const JUNE_8 = Date.UTC(2026, 5, 8, 9);
const DAY = 24 * 60 * 60 * 1000;
const HOOK_BASE = 'https://hooks.example.test/webhook';

/** A node whose work takes `ms` on the test clock. */
function workNode(clock: TestClock) {
  return defineNode({
    type: 'test.work',
    version: 1,
    displayName: 'Work',
    group: 'utility',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({ ms: z.number().int().min(0) }),
    execute: (ctx) => {
      clock.advance(ctx.params().ms);
      return ctx.input();
    },
  });
}

function orders(ms: number): Workflow {
  return buildWorkflow({
    id: 'orders',
    name: 'Orders',
    nodes: [
      { id: 'start', name: 'Start', type: 'core.manualTrigger' },
      { id: 'work', name: 'Work', type: 'test.work', parameters: { ms } },
    ],
    connections: [['start', 'work']],
  });
}

function billing(message: string): Workflow {
  return buildWorkflow({
    id: 'billing',
    name: 'Billing',
    nodes: [
      { id: 'start', name: 'Start', type: 'core.manualTrigger' },
      { id: 'charge', name: 'Charge', type: 'test.work', parameters: { ms: 40 } },
      { id: 'stop', name: 'Decline', type: 'core.stopAndError', parameters: { message } },
    ],
    connections: [
      ['start', 'charge'],
      ['charge', 'stop'],
    ],
  });
}

const hooks = buildWorkflow({
  id: 'hooks',
  name: 'Incoming orders',
  nodes: [
    { id: 'hook', name: 'Webhook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'orders/new', responseMode: 'lastNode' } },
    { id: 'done', name: 'Done', type: 'core.noOp' },
  ],
  connections: [['hook', 'done']],
});

interface Bed {
  engine: Engine;
  clock: TestClock;
  source: EngineDataSource;
}

/** An engine on a test clock, and a data source over it. */
function bed(options: Partial<EngineDataSourceOptions> = {}): Bed {
  const clock = createTestClock({ start: JUNE_8 });
  const engine = createEngine({ nodeTypes: [workNode(clock)], clock, logger: silentLogger });
  const source = new EngineDataSource({ engine, now: clock.now, webhookBaseUrl: HOOK_BASE, ...options });
  return { engine, clock, source };
}

/** Six runs over two days: Orders succeeds three times, Billing fails three times (last with 'Card expired'). */
async function runHistory({ engine, clock }: Bed): Promise<void> {
  for (const w of [orders(100), orders(300), billing('Card declined')]) await engine.run(w);
  clock.advance(2 * DAY);
  for (const w of [orders(200), billing('Card declined'), billing('Card expired')]) await engine.run(w);
}

/** Mounts a dashboard (1000 px wide) over the source; removes earlier ones. */
async function mount(source: EngineDataSource | undefined, setup?: (el: WorkflowDashboard) => void): Promise<WorkflowDashboard> {
  document.querySelectorAll('workflow-dashboard').forEach((e) => e.remove());
  const el = document.createElement('workflow-dashboard') as WorkflowDashboard;
  el.style.cssText = 'display:block;width:1000px';
  el.days = 7;
  if (source) el.dataSource = source;
  setup?.(el);
  document.body.append(el);
  await el.loaded;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: WorkflowDashboard, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (el: WorkflowDashboard, selector: string) =>
  $(el, selector)
    ?.textContent?.replace(/[ \t\n\r]+/g, ' ')
    .trim();

/** The element holding the keyboard focus, inside shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Waits until an asynchronous condition holds (checked each frame); `until` for conditions that need a read. */
async function eventually(fn: () => Promise<boolean>, message: string): Promise<void> {
  await until(
    (() => {
      let settled = false;
      let pending: Promise<void> | undefined;
      return () => {
        pending ??= fn().then((v) => {
          settled = v;
          pending = undefined;
        });
        return settled;
      };
    })(),
    message,
  );
}

/** Pastes the system clipboard into a fresh text area with the keyboard, and returns what arrived. */
async function pasteClipboard(): Promise<string> {
  const area = document.createElement('textarea');
  document.body.append(area);
  area.focus();
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'v' });
  await sendKeys({ up: 'Control' });
  const value = area.value;
  area.remove();
  return value;
}

describe('<workflow-dashboard>', () => {
  it('is registered by its own entry, without the editor', () => {
    ok(customElements.get('workflow-dashboard'), 'workflow-dashboard is defined');
    equal(customElements.get('workflow-editor'), undefined, 'the editor is not defined');
  });

  it('shows the counts, success rate and durations of real runs as the engine computes them', async () => {
    const b = bed();
    await runHistory(b);
    const el = await mount(b.source);
    const oracle = await b.engine.executions.analytics({ from: '2026-06-04T00:00:00.000Z' });
    equal(oracle.total, 6, 'runs recorded');
    equal(text(el, '[data-stat="total"] dd'), '6');
    equal(text(el, '[data-stat="success-rate"] dd'), '50%');
    equal(text(el, '[data-stat="failed"] dd'), '3');
    equal(text(el, '[data-stat="p50"] dd'), `${oracle.durationMs!.p50} ms`);
    equal(text(el, '[data-stat="p95"] dd'), `${oracle.durationMs!.p95} ms`);
    equal(text(el, '[data-stat="p95"] dd'), '300 ms', 'the longest of six runs');
    const slowest = oracle.slowestNodes[0]!;
    equal(text(el, `.slowest tr[data-node="${slowest.nodeId}"] th`), 'Work');
    equal(text(el, `.slowest tr[data-node="${slowest.nodeId}"] td:last-child`), `${slowest.maxMs} ms`);
  });

  it('draws one point per day of the window with uPlot, days without runs at zero', async () => {
    const b = bed();
    await runHistory(b);
    const el = await mount(b.source);
    const chart = $(el, '.chart')!;
    const canvas = chart.querySelector('canvas');
    ok(canvas, 'the chart has a canvas');
    ok(canvas.width > 0 && canvas.height > 0, 'the canvas has a size');
    equal(chart.dataset['points'], '7', 'one point per day of the 7-day window');
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    ok(
      pixels.some((v, i) => i % 4 === 3 && v > 0),
      'something is drawn',
    );
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('.figures tbody tr')];
    equal(
      rows.map((r) => r.dataset['day']),
      ['2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09', '2026-06-10'],
    );
    const cells = (day: string) => [...el.shadowRoot!.querySelectorAll(`tr[data-day="${day}"] td`)].map((c) => c.textContent!.trim());
    equal(cells('2026-06-08'), ['3', '1', '66.7%']);
    equal(cells('2026-06-10'), ['3', '2', '33.3%']);
    equal(cells('2026-06-09'), ['0', '0', 'n/a']);
    equal(
      $(el, '.chart')!.getAttribute('aria-label'),
      'Executions over the last 7 days: 6; 50% succeeded.',
      'the chart has a text alternative',
    );
  });

  it('keeps uPlot styled inside its shadow root, and adopts a stylesheet the host gives it', async () => {
    const b = bed();
    await runHistory(b);
    const el = await mount(b.source);
    equal(getComputedStyle($(el, '.chart .u-over')!).position, 'absolute', 'uPlot layers are stacked in the shadow root');
    const uplotCss = await (await fetch('/node_modules/uplot/dist/uPlot.min.css')).text();
    el.chartStyles = uplotCss;
    await el.updateComplete;
    const sheets = el.shadowRoot!.adoptedStyleSheets;
    ok(
      [...sheets.at(-1)!.cssRules].some((r) => r.cssText.startsWith('.u-title')),
      'uPlot’s own stylesheet is adopted last',
    );
  });

  it('lists the failing workflows with their last error', async () => {
    const b = bed();
    await runHistory(b);
    const el = await mount(b.source);
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('.failing tbody tr')];
    equal(
      rows.map((r) => r.dataset['workflow']),
      ['billing'],
    );
    equal(text(el, '.failing tbody th'), 'Billing');
    equal(text(el, '.failing tbody td.num'), '3');
    ok(text(el, '.failing tbody td.message')!.includes('Card expired'), 'the newest error is shown');
  });

  it('shows usage against each tenant’s quota, counted from storage', async () => {
    const b = bed({
      tenants: ['default', 'acme'],
      limits: (t) => (t === 'acme' ? { executionsPerMonth: 5 } : { executionsPerMonth: 100 }),
    });
    await runHistory(b);
    await b.engine.run(orders(10), { tenantId: 'acme' });
    const el = await mount(b.source);
    equal(await b.engine.storage.executions.count('default', {}), 6);
    equal(text(el, '[data-tenant="default"] [data-quota="executions"] .amount'), '6 of 100');
    equal(text(el, '[data-tenant="acme"] [data-quota="executions"] .amount'), '1 of 5');
    equal(text(el, '[data-tenant="default"] [data-quota="workflows"] .amount'), '0 (no limit)');
    equal($<HTMLMeterElement>(el, '[data-tenant="default"] meter')!.value, 6);
  });

  it('copies a webhook URL with the keyboard', async () => {
    const b = bed();
    await b.source.activate(hooks);
    const el = await mount(b.source);
    equal(text(el, '.webhooks tbody code'), `${HOOK_BASE}/orders/new`);
    $(el, '.webhooks button.copy')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(el, '.webhooks .note'), 'the copy is confirmed');
    equal(text(el, '.webhooks .note'), `URL copied: ${HOOK_BASE}/orders/new`);
    equal(await pasteClipboard(), `${HOOK_BASE}/orders/new`, 'the clipboard holds the URL');
  });

  it('sends a test call that runs the workflow and shows the answer', async () => {
    const b = bed();
    await b.source.activate(hooks);
    const el = await mount(b.source);
    $(el, '.webhooks button.test')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(el, '.webhooks .note')?.startsWith('Answered'), 'the webhook answered');
    ok(text(el, '.webhooks .note')!.startsWith('Answered 200:'), text(el, '.webhooks .note'));
    const runs = await b.engine.executions.list({ mode: 'webhook' });
    equal(
      runs.items.map((e) => [e.workflowId, e.status]),
      [['hooks', 'success']],
    );
    const run = await b.engine.executions.get(runs.items[0]!.id);
    equal((run!.nodes['hook']![0]!.output['main']![0]!.json as { body: unknown }).body, {
      flowloomTest: true,
      sentAt: new Date(JUNE_8).toISOString(),
    });
    equal(focused(), $(el, '.webhooks button.test'), 'the focus stays on the button');
  });

  it('reaches every control with Tab, in reading order', async () => {
    const b = bed({ members: createMemoryMemberDirectory({ members: [{ id: 'u1', email: 'ada@example.com', role: 'owner' }] }) });
    await runHistory(b);
    await b.source.activate(hooks);
    const el = await mount(b.source);
    const controls = [...el.shadowRoot!.querySelectorAll('button, summary, select, input')];
    ok(controls.length >= 8, `controls: ${controls.length}`);
    document.body.focus();
    const reached: (Element | null)[] = [];
    for (let i = 0; i < controls.length; i++) {
      await sendKeys({ press: 'Tab' });
      reached.push(focused());
    }
    equal(
      reached.map((e) => e?.className || e?.tagName),
      controls.map((e) => e.className || e.tagName),
    );
    ok(
      reached.every((e, i) => e === controls[i]),
      'each Tab reaches the next control',
    );
    // The figures table opens from the keyboard.
    (controls.find((c) => c.tagName === 'SUMMARY') as HTMLElement).focus();
    await sendKeys({ press: 'Enter' });
    ok($<HTMLDetailsElement>(el, 'details.figures')!.open, 'Enter opens the figures table');
  });

  it('says so when there is nothing to show yet', async () => {
    const b = bed();
    const el = await mount(b.source);
    equal(text(el, '.overview .empty'), 'No executions in the last 7 days.');
    equal($(el, '.chart'), null, 'no chart without executions');
    equal(text(el, '.failing .empty'), 'No workflow failed in the last 7 days.');
    equal(text(el, '.webhooks .empty'), 'No active webhooks: activate a workflow with a Webhook trigger to see its URL here.');
    equal($(el, '.members'), null, 'no members section without a member directory');
  });

  it('says how to give it data when it has none', async () => {
    const el = await mount(undefined);
    equal(text(el, '.no-source'), 'Nothing to show yet: give the dashboard a server-url and a token, or a data source.');
  });

  it('shows why the figures could not be loaded when the server cannot be reached, with a way to try again', async () => {
    const el = await mount(undefined, (d) => {
      d.serverUrl = 'http://127.0.0.1:9/api';
      d.token = 'test-token';
    });
    const message = text(el, '.overview .error')!;
    ok(message.startsWith('The figures could not be loaded: '), message);
    ok(message.includes('/analytics'), `the message names the call: ${message}`);
    ok($(el, '.overview .error + button'), 'a Try again button');
  });

  it('names the attribute when the window is not a number of days', async () => {
    const el = await mount(bed().source, (d) => (d.days = 0));
    equal(
      text(el, '.overview .error'),
      'The figures could not be loaded: <workflow-dashboard>: days must be a whole number from 1 to 366, got 0.',
    );
  });

  it('asks for a token when it has a server URL without one', async () => {
    const el = await mount(undefined, (d) => (d.serverUrl = '/api'));
    equal(
      text(el, '.overview .error'),
      'The figures could not be loaded: <workflow-dashboard> has a server-url but no token: set its token property.',
    );
  });

  it('hides the sections a server answers 404 for, and shows the refusal of the figures', async () => {
    // The test page's own server has no Flowloom API: every route answers 404.
    const el = await mount(undefined, (d) => {
      d.serverUrl = '/no-flowloom-api-here';
      d.token = 'test-token';
    });
    ok(text(el, '.overview .error')!.includes('(404'), text(el, '.overview .error'));
    equal($(el, '.usage'), null, 'usage hidden');
    equal($(el, '.webhooks'), null, 'webhooks hidden');
    equal($(el, '.members'), null, 'members hidden');
  });

  it('follows the locale, the theme and the host’s custom properties', async () => {
    const b = bed();
    await runHistory(b);
    const el = await mount(b.source, (d) => {
      d.locale = 'fr';
      d.theme = 'dark';
      d.style.setProperty('--wf-color-accent', 'rgb(225, 29, 72)');
    });
    equal(text(el, '#overview-heading')?.startsWith('Exécutions'), true);
    equal(text(el, 'button.refresh'), 'Actualiser');
    equal(text(el, '[data-stat="success-rate"] dd'), new Intl.NumberFormat('fr', { style: 'percent' }).format(0.5));
    equal(getComputedStyle(el).backgroundColor, 'rgb(11, 17, 32)', 'dark background');
    equal(getComputedStyle($(el, 'summary')!).color, 'rgb(225, 29, 72)', 'the host’s accent');
  });
});

describe('<workflow-dashboard> members', () => {
  async function withMembers(options: Parameters<typeof createMemoryMemberDirectory>[0] = {}) {
    const directory: MemberDirectory = createMemoryMemberDirectory({
      members: [
        { id: 'u1', email: 'ada@example.com', name: 'Ada', role: 'owner' },
        { id: 'u2', email: 'grace@example.com', name: 'Grace', role: 'editor' },
      ],
      ...options,
    });
    const b = bed({ members: directory });
    const el = await mount(b.source);
    return { el, directory };
  }

  const roles = async (directory: MemberDirectory) => (await directory.list())!.members.map((m) => `${m.email}:${m.role}`);

  it('is hidden from users who may not manage members', async () => {
    const { el } = await withMembers({ canManage: false });
    equal($(el, '.members'), null);
  });

  it('changes a role', async () => {
    const { el, directory } = await withMembers();
    const select = $<HTMLSelectElement>(el, '[data-member="u2"] select')!;
    select.value = 'viewer';
    select.dispatchEvent(new Event('change'));
    await eventually(async () => (await roles(directory)).includes('grace@example.com:viewer'), 'the role changed');
    await until(() => text(el, '.live') === 'grace@example.com is now viewer.', 'the change is announced');
  });

  it('shows why a change was refused and keeps the role shown as it is', async () => {
    const { el, directory } = await withMembers();
    const select = $<HTMLSelectElement>(el, '[data-member="u1"] select')!;
    select.value = 'viewer';
    select.dispatchEvent(new Event('change'));
    await until(() => $(el, '.members .error[role="alert"]'), 'the refusal is shown');
    equal(
      text(el, '.members .error[role="alert"]'),
      'Change role of ada@example.com: the tenant needs an owner; make another member owner first.',
    );
    await el.loaded;
    equal($<HTMLSelectElement>(el, '[data-member="u1"] select')!.value, 'owner');
    equal(await roles(directory), ['ada@example.com:owner', 'grace@example.com:editor']);
  });

  it('shows each member’s teams by name', async () => {
    const { el } = await withMembers({
      members: [{ id: 'u1', email: 'ada@example.com', role: 'owner', teamIds: ['t1', 't2'] }],
      teams: [
        { id: 't1', name: 'Finance' },
        { id: 't2', name: 'Ops' },
      ],
    });
    equal(text(el, '[data-member="u1"] .teams'), 'Finance, Ops');
  });

  it('invites someone from the keyboard, and refuses an address that is not one', async () => {
    const { el, directory } = await withMembers();
    const invited: string[] = [];
    el.addEventListener('wf-member-invite', (e) => invited.push(`${e.detail.invite.email}:${e.detail.invite.role}`));
    $<HTMLInputElement>(el, 'form.invite input[name="email"]')!.focus();
    await sendKeys({ type: 'bob' });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.members .error[role="alert"]'), 'the refusal is shown');
    equal(text(el, '.members .error[role="alert"]'), "Invite: 'bob' is not an email address.");
    const input = $<HTMLInputElement>(el, 'form.invite input[name="email"]')!;
    input.value = '';
    input.focus();
    await sendKeys({ type: 'linus@example.com' });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.invites li'), 'the invitation is listed');
    equal(
      (await directory.list())!.invites.map((i) => `${i.email}:${i.role}`),
      ['linus@example.com:viewer'],
    );
    equal(text(el, '.invites li span'), 'linus@example.com');
    equal($<HTMLInputElement>(el, 'form.invite input[name="email"]')!.value, '', 'the form is cleared');
    equal($(el, '.members .error'), null, 'the earlier refusal is gone');
    equal(invited, ['linus@example.com:viewer'], 'the host is told, to send the invitation');
    $(el, '.invites button.revoke')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !$(el, '.invites li'), 'the invitation is gone');
    equal((await directory.list())!.invites, []);
  });

  it('removes a member after a confirmation, with the keyboard', async () => {
    const { el, directory } = await withMembers();
    $(el, '[data-member="u2"] button.remove')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    equal(text(el, '[data-member="u2"] .confirm'), 'Remove grace@example.com from the tenant?');
    await until(() => focused()?.classList.contains('confirm-remove'), 'the confirmation has the focus');
    await sendKeys({ press: 'Enter' });
    await until(() => !$(el, '[data-member="u2"]'), 'the row is gone');
    equal(await roles(directory), ['ada@example.com:owner']);
    await until(() => focused()?.id === 'members-heading', 'the focus moves to the heading');
  });
});
