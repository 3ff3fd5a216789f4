// An end user's task in the playground, with the mouse and the keyboard only:
// build a workflow with a branch, type plain values and expressions, run it,
// pin and change data, execute one step, map a field by dragging it, and find
// the run again in the history after a reload. The page is only read (never
// set) from the test, to check what the user should see.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, launchChromium, shots } from './browser.mjs';
import { serveRepository } from './serve.mjs';

let server;
let browser;
before(async () => {
  server = await serveRepository();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until an element stops moving (the view animates when it fits the nodes). */
function still(locator) {
  return locator.evaluate(
    (el) =>
      new Promise((resolve) => {
        let last = '';
        const check = () => {
          const r = el.getBoundingClientRect();
          const now = `${r.x},${r.y},${r.width}`;
          if (now === last) resolve();
          else {
            last = now;
            requestAnimationFrame(() => requestAnimationFrame(check));
          }
        };
        check();
      }),
  );
}

/** Drags with the mouse from an element to a point, in small steps. */
async function dragTo(page, from, to) {
  const a = await centre(from);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(a.x + ((to.x - a.x) * i) / 10, a.y + ((to.y - a.y) * i) / 10);
  await page.mouse.up();
}

describe('an end user builds, tests and debugs a workflow', () => {
  let page;
  const errors = [];
  const shot = (name) => page.screenshot({ path: `${shots}user-${name}.png` });
  const editor = () => page.locator('workflow-editor');
  const palette = () => editor().locator('wf-palette');
  const inspector = () => editor().locator('wf-inspector');
  const pane = () => editor().locator('wf-canvas .pane');
  const nodeNamed = (name) => editor().locator('wf-canvas .node', { has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
  /** The workflow as the editor holds it (read only). */
  const workflow = () => page.evaluate(() => document.querySelector('workflow-editor').workflow);
  const nodeByName = async (name) => (await workflow()).nodes.find((n) => n.name === name);
  /** The last run's output items of a node (json only), read from the editor. */
  const output = (name) =>
    page.evaluate((nodeName) => {
      const ed = document.querySelector('workflow-editor');
      const node = ed.workflow.nodes.find((n) => n.name === nodeName);
      const last = ed.store.lastRun(node.id);
      if (!last) return undefined;
      return Object.fromEntries(Object.entries(last.output ?? {}).map(([port, items]) => [port, items.map((i) => i.json)]));
    }, name);
  const clearSelection = () => pane().click({ position: { x: 20, y: 20 } });
  const addFromPalette = async (search, name) => {
    await palette().getByRole('searchbox').fill(search);
    await palette()
      .getByRole('button', { name: `Add ${name}` })
      .click();
    await palette().getByRole('searchbox').fill('');
  };
  /** Does `action` and resolves with the status of the run it starts, whatever it is. */
  const endOf = async (action) => {
    const finished = page.evaluate(
      () =>
        new Promise((resolve) =>
          document
            .querySelector('workflow-editor')
            .addEventListener('wf-execution-finish', (e) => resolve(e.detail.execution?.status ?? `failed: ${e.detail.error}`), {
              once: true,
            }),
        ),
    );
    await action();
    return finished;
  };
  /** Does `action` and waits for the run it starts to end; fails with what the run panel says unless it succeeded. */
  const runBy = async (action) => {
    const status = await endOf(action);
    if (status !== 'success') {
      await shot('failed-run');
      const why = await page.evaluate(() => JSON.stringify(document.querySelector('workflow-editor').store.execution?.error ?? null));
      assert.fail(`the run ended ${status}: ${why}`);
    }
  };
  const run = () => runBy(() => editor().locator('button.run').click());
  const save = async () => {
    await editor().getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .locator('#toast', { hasText: /Saved version/ })
      .last()
      .waitFor();
  };
  const fitView = () => editor().locator('wf-canvas .controls button').last().click();

  before(async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(Number(process.env.E2E_STEP_TIMEOUT ?? 60_000)); // a watchdog for a step that never happens, not a deadline
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/examples/playground/dist/index.html?workflow=blank`);
    await palette().locator('button.type').first().waitFor();
  });
  after(async () => {
    await page?.close();
  });

  test('adds a trigger and Edit Fields, and types plain values of three types', async () => {
    await addFromPalette('manual', 'Manual Trigger');
    await addFromPalette('edit fields', 'Edit Fields (Set)');
    assert.deepEqual(
      (await workflow()).connections.map((c) => [c.from.port, c.to.port]),
      [['main', 'main']],
      'the new node follows the selected trigger',
    );
    const fields = inspector().locator('[data-param="fields"]');
    const field = (i, name) => fields.locator(`[data-param="fields.${i}.${name}"]`);
    const addField = async (i, name, type, typing) => {
      await fields.getByRole('button', { name: 'Add item' }).last().click();
      await field(i, 'name').locator('input').fill(name);
      await field(i, 'type').locator('select').selectOption({ label: type });
      await typing(field(i, 'value'));
    };
    await addField(0, 'name', 'String', (f) => f.locator('input').pressSequentially('Ada Lovelace'));
    await addField(1, 'age', 'Number', (f) => f.locator('input').pressSequentially('42'));
    await addField(2, 'member', 'Boolean', (f) => f.locator('input[type="checkbox"]').check());
    const set = await nodeByName('Edit Fields (Set)');
    assert.deepEqual(set.parameters.fields, [
      { name: 'name', type: 'string', value: 'Ada Lovelace' },
      { name: 'age', type: 'number', value: 42 },
      { name: 'member', type: 'boolean', value: true },
    ]);
    await shot('1-fields');
  });

  test('typing {{ turns a field into an expression, which stays one when cleared', async () => {
    const fields = inspector().locator('[data-param="fields"]');
    await fields.getByRole('button', { name: 'Add item' }).last().click();
    const value = fields.locator('[data-param="fields.3.value"]');
    await fields.locator('[data-param="fields.3.name"] input').fill('shout');
    await value.locator('input').pressSequentially('{{');
    const expression = value.locator('wf-expression-input textarea');
    await expression.waitFor();
    assert.ok(await expression.evaluate((el) => el.matches(':focus')), 'the expression input has the focus');
    // Flowloom expressions call functions with the value first (JSONata-like), not JavaScript methods.
    await page.keyboard.type(' $uppercase("ada") }}');
    const typed = async () => (await nodeByName('Edit Fields (Set)')).parameters.fields[3].value;
    assert.equal(await expression.inputValue(), await typed());
    assert.match(await typed(), /^\{\{ \$uppercase\("ada"\) \}\}$/);

    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    assert.equal(await expression.inputValue(), '');
    assert.ok(await expression.evaluate((el) => el.matches(':focus')), 'the emptied expression keeps the focus');
    assert.equal(await value.locator('wf-expression-input').count(), 1, 'the field stays an expression');
    await page.keyboard.type('{{ $uppercase("ada") }}');
    assert.match(await typed(), /^\{\{ \$uppercase\("ada"\) \}\}$/);
    await shot('2-expression');
  });

  test('adds an If and makes both branches by dropping a connection on empty canvas and picking a node', async () => {
    await nodeNamed('Edit Fields \\(Set\\)').click();
    await addFromPalette('if', 'If');
    await fitView();
    const ifNode = nodeNamed('If');
    const branch = async (port, pick, search) => {
      const from = ifNode.locator(`.port.out[data-port="${port}"]`);
      await still(from);
      const at = await centre(from);
      const area = await pane().boundingBox();
      const x = Math.min(at.x + 200, area.x + area.width - 80);
      await dragTo(page, from, { x, y: at.y + (port === 'true' ? -130 : 130) });
      const picker = editor().locator('wf-canvas .node-picker');
      await picker.waitFor();
      if (port === 'true') await shot('3-picker');
      await picker.getByRole('searchbox').fill(search);
      await picker.locator('button.sub-choice', { hasText: pick }).first().click();
      await picker.waitFor({ state: 'detached' });
    };
    await branch('true', 'Edit Fields (Set)', 'edit');
    await branch('false', 'No Operation', 'no op');
    const wf = await workflow();
    const byId = Object.fromEntries(wf.nodes.map((n) => [n.id, n.name]));
    const links = wf.connections.map((c) => `${byId[c.from.node]}:${c.from.port} -> ${byId[c.to.node]}`).sort();
    assert.deepEqual(links, [
      'Edit Fields (Set):main -> If',
      'If:false -> No Operation',
      'If:true -> Edit Fields (Set) 2',
      'Manual Trigger:main -> Edit Fields (Set)',
    ]);
    await fitView();
    await shot('3-branches');
  });

  test('sets the If condition, seeing a problem only after leaving a field, once, as a sentence', async () => {
    await nodeNamed('If').click();
    const conditions = inspector().locator('[data-param="conditions"]');
    await conditions.getByRole('button', { name: 'Add item' }).click();
    const alerts = () => inspector().locator('.error [role="alert"]').allInnerTexts();
    assert.deepEqual(await alerts(), [], 'no problem before a field is left');
    const operator = conditions.locator('[data-param="conditions.0.operator"] select');
    await operator.focus();
    await conditions.locator('[data-param="conditions.0.field"] input').focus();
    await inspector().locator('.error [role="alert"]').first().waitFor();
    assert.deepEqual(await alerts(), ['Choose an operator.']);
    await conditions.locator('[data-param="conditions.0.field"] input').pressSequentially('age');
    await operator.selectOption({ label: 'Number: is greater than' });
    await conditions.locator('[data-param="conditions.0.rightValue"] input').pressSequentially('40');
    await conditions.locator('[data-param="conditions.0.field"] input').focus();
    await page.waitForFunction(() => {
      const ed = document.querySelector('workflow-editor');
      const id = ed.workflow.nodes.find((n) => n.name === 'If').id;
      return (ed.store.issues.get(id) ?? []).length === 0;
    });
    assert.deepEqual(await alerts(), []);
    assert.deepEqual((await nodeByName('If')).parameters.conditions, [{ field: 'age', operator: 'number:gt', rightValue: 40 }]);
  });

  test('runs the workflow and sees the values typed and the branch the item took', async () => {
    await run();
    const person = { name: 'Ada Lovelace', age: 42, member: true, shout: 'ADA' };
    assert.deepEqual(await output('Edit Fields (Set)'), { main: [person] });
    assert.deepEqual(await output('If'), { true: [person], false: [] });
    assert.deepEqual(await output('Edit Fields (Set) 2'), { main: [person] });
    assert.equal(await output('No Operation'), undefined, 'nothing went down the false branch');
    await nodeNamed('If').click();
    const shown = editor().locator('wf-run-panel section.output');
    await shown.locator('table').first().waitFor();
    assert.match(await shown.innerText(), /Ada Lovelace/);
  });

  test("drags a field of the node's input onto a parameter, and runs with it", async () => {
    await nodeNamed('Edit Fields \\(Set\\) 2').click();
    const input = inspector().locator('wf-node-data .input');
    await input.locator('table').waitFor();
    assert.match(await input.innerText(), /From If/);
    assert.match(await input.locator('table').innerText(), /Ada Lovelace/);
    const fields = inspector().locator('[data-param="fields"]');
    await fields.getByRole('button', { name: 'Add item' }).click();
    await fields.locator('[data-param="fields.0.name"] input').fill('greeting');
    await shot('4-inspector-input');
    await input.locator('th[data-path=\'["name"]\']').dragTo(fields.locator('[data-param="fields.0.value"] input'));
    await fields.locator('[data-param="fields.0.value"] wf-expression-input').waitFor();
    assert.equal((await nodeByName('Edit Fields (Set) 2')).parameters.fields[0].value, '{{ $json.name }}');
    await run();
    const [greeted] = (await output('Edit Fields (Set) 2')).main;
    assert.equal(greeted.greeting, 'Ada Lovelace');
    assert.equal(greeted.age, 42);
  });

  test('pins changed data on a node and executes one step downstream with it', async () => {
    await nodeNamed('Edit Fields \\(Set\\)').click();
    const data = inspector().locator('wf-node-data');
    await data.getByRole('button', { name: 'Pin data' }).click();
    const json = data.getByRole('textbox', { name: /Pinned data of Edit Fields \(Set\)/ });
    assert.deepEqual(
      JSON.parse(await json.inputValue()),
      [{ name: 'Ada Lovelace', age: 42, member: true, shout: 'ADA' }],
      'starts from the last output',
    );
    await json.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('[{ "name": "Grace Hopper", "age": 30, "member": false }]');
    await data.getByRole('button', { name: 'Save' }).click();
    await data.locator('.pinned-badge').waitFor();
    assert.match(await data.locator('.pin').innerText(), /Pinned/);
    assert.deepEqual((await workflow()).pinData[(await nodeByName('Edit Fields (Set)')).id], [
      { json: { name: 'Grace Hopper', age: 30, member: false } },
    ]);
    await shot('5-pinned');

    await nodeNamed('No Operation').click();
    const before = await page.evaluate(() => document.querySelector('workflow-editor').store.execution?.id);
    await inspector().getByRole('button', { name: 'Execute step' }).click();
    await page.waitForFunction((id) => {
      const ed = document.querySelector('workflow-editor');
      return !ed.store.running && ed.store.execution && ed.store.execution.id !== id;
    }, before);
    assert.equal(await page.evaluate(() => document.querySelector('workflow-editor').store.execution.status), 'success');
    const grace = { name: 'Grace Hopper', age: 30, member: false };
    assert.deepEqual(await output('If'), { true: [], false: [grace] });
    assert.deepEqual(await output('No Operation'), { main: [grace] });
    const input = inspector().locator('wf-node-data .input');
    await input.locator('table').waitFor();
    assert.match(await input.locator('table').innerText(), /Grace Hopper/);
  });

  test('after a reload, opens a past run from the history and checks its data', async () => {
    await editor().getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#toast', { hasText: /Saved version/ }).waitFor();
    await page.reload();
    await palette().locator('button.type').first().waitFor();
    await nodeNamed('No Operation').waitFor();
    assert.ok((await workflow()).pinData, 'the pinned data was saved with the workflow');

    await editor().locator('.toolbar button', { hasText: 'Runs' }).click();
    const history = editor().locator('wf-history-panel');
    const rows = history.locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 3, 'two runs and one step');
    await shot('6-history');
    // Newest first: the step, then the run with the greeting.
    await rows.nth(1).locator('button.open').click();
    await history.locator('.viewing').waitFor();
    const shown = () =>
      page.evaluate(() => {
        const ed = document.querySelector('workflow-editor');
        const e = ed.store.execution;
        const greet = ed.workflow.nodes.find((n) => n.name === 'Edit Fields (Set) 2').id;
        return { id: e.id, status: e.status, greeting: e.nodes[greet]?.at(-1)?.output.main.map((i) => i.json.greeting) };
      });
    const past = await shown();
    assert.deepEqual({ status: past.status, greeting: past.greeting }, { status: 'success', greeting: ['Ada Lovelace'] });
    await nodeNamed('Edit Fields \\(Set\\) 2').click();
    await editor().locator('wf-run-panel section.output table').waitFor();
    assert.match(await editor().locator('wf-run-panel section.output').innerText(), /Ada Lovelace/);
    await shot('7-past-run');

    // A run that succeeded is not retried (only failed, crashed or canceled runs are).
    assert.ok(await history.locator('button.retry').isDisabled());
  });

  test('meets a failed run, finds it after a reload, fixes the cause and retries it', async () => {
    const back = editor().locator('wf-history-panel button.back-to-editing');
    if (await back.isVisible()) await back.click();
    await nodeNamed('No Operation').click();
    await addFromPalette('edit fields', 'Edit Fields (Set)');
    const wf = await workflow();
    const byId = Object.fromEntries(wf.nodes.map((n) => [n.id, n.name]));
    assert.ok(wf.connections.some((c) => byId[c.from.node] === 'No Operation' && byId[c.to.node] === 'Edit Fields (Set) 3'));
    // The user maps the name into a field typed Number by mistake.
    const fields = inspector().locator('[data-param="fields"]');
    const field = (name) => fields.locator(`[data-param="fields.0.${name}"]`);
    await fields.getByRole('button', { name: 'Add item' }).click();
    await field('name').locator('input').fill('person');
    await field('type').locator('select').selectOption({ label: 'Number' });
    const input = inspector().locator('wf-node-data .input');
    await input.locator('table').waitFor();
    await input.locator('th[data-path=\'["name"]\']').dragTo(field('value').locator('input'));
    await field('value').locator('wf-expression-input').waitFor();
    assert.equal(await endOf(() => editor().locator('button.run').click()), 'error');
    await save();
    await page.reload();
    await palette().locator('button.type').first().waitFor();
    await nodeNamed('Edit Fields \\(Set\\) 3').waitFor();

    await editor().locator('.toolbar button', { hasText: 'Runs' }).click();
    const history = editor().locator('wf-history-panel');
    const rows = history.locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 4);
    assert.equal(await rows.first().locator('.status').getAttribute('class'), 'status error', 'the newest run failed');
    await rows.first().locator('button.open').click();
    const box = history.locator('.error-box');
    await box.waitFor();
    assert.match(await box.locator('.error-node').innerText(), /Edit Fields \(Set\) 3/);
    assert.match(await box.locator('.error-message').innerText(), /person/);
    const failed = await page.evaluate(() => {
      const ed = document.querySelector('workflow-editor');
      const id = (name) => ed.workflow.nodes.find((n) => n.name === name).id;
      const e = ed.store.execution;
      const out = (name) => e.nodes[id(name)]?.at(-1)?.output?.main?.map((i) => i.json);
      return { id: e.id, status: e.status, node: e.error?.node?.name, noOp: out('No Operation') };
    });
    const grace = { name: 'Grace Hopper', age: 30, member: false };
    assert.deepEqual(
      { status: failed.status, node: failed.node, noOp: failed.noOp },
      { status: 'error', node: 'Edit Fields (Set) 3', noOp: [grace] },
    );
    await shot('8-failed-run');

    // The fix: the field is text, not a number; saved, then the failed run is retried with it.
    await history.locator('button.back-to-editing').click();
    await nodeNamed('Edit Fields \\(Set\\) 3').click();
    await field('type').locator('select').selectOption({ label: 'String' });
    assert.equal((await nodeByName('Edit Fields (Set) 3')).parameters.fields[0].type, 'string');
    await save();
    await editor().locator('.toolbar button', { hasText: 'Runs' }).click();
    await rows.first().locator('button.open').click();
    await box.waitFor();
    const retry = history.locator('button.retry-saved');
    assert.equal(await retry.innerText(), 'Retry with the saved workflow');
    assert.equal(await endOf(() => retry.click()), 'success');
    const retried = await page.evaluate(() => {
      const ed = document.querySelector('workflow-editor');
      const id = ed.workflow.nodes.find((n) => n.name === 'Edit Fields (Set) 3').id;
      const e = ed.store.execution;
      return { status: e.status, mode: e.mode, retryOf: e.retryOf, out: e.nodes[id]?.at(-1)?.output?.main?.map((i) => i.json) };
    });
    assert.deepEqual(retried, { status: 'success', mode: 'retry', retryOf: failed.id, out: [{ ...grace, person: 'Grace Hopper' }] });
    await nodeNamed('Edit Fields \\(Set\\) 3').click();
    await editor().locator('wf-run-panel section.output table').waitFor();
    assert.match(await editor().locator('wf-run-panel section.output').innerText(), /Grace Hopper/);
    await shot('8-retried-run');
    // The list gains the retry, newest first.
    await history.locator('button.all-runs').click();
    await rows.nth(4).waitFor();
    assert.equal(await rows.count(), 5);
    assert.match(await rows.first().innerText(), /Retry/);
    assert.equal(await rows.first().locator('.status').getAttribute('class'), 'status success');
    await rows.first().locator('button.open').focus();
    await page.keyboard.press('Escape');
    await editor().locator('wf-history-panel[open]').waitFor({ state: 'detached' });
  });

  test('shows the context menu of a node', async () => {
    const back = editor().locator('wf-history-panel button.back-to-editing');
    if (await back.isVisible()) await back.click();
    await nodeNamed('If').click({ button: 'right' });
    const menu = editor().locator('wf-canvas .ctx-menu');
    await menu.waitFor();
    assert.ok((await menu.getByRole('menuitem').count()) > 2);
    await shot('9-context-menu');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  });

  test('adds a sticky note from the node list, and undoes it', async () => {
    await palette().getByRole('button', { name: 'Add note' }).click();
    await editor().locator('wf-canvas .note').first().waitFor();
    assert.equal((await workflow()).notes.length, 1);
    await page.keyboard.type('Ask **Ada** first');
    await pane().click({ position: { x: 20, y: 20 } });
    assert.equal((await workflow()).notes[0].text, 'Ask **Ada** first');
    await shot('10-note');
    await editor().getByRole('button', { name: 'Undo', exact: true }).click();
    await editor().getByRole('button', { name: 'Undo', exact: true }).click();
    assert.equal((await workflow()).notes ?? undefined, undefined);
    assert.deepEqual(errors, []);
  });
});
