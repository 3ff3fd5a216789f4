// The shared end-to-end spec: the same user journey in the playground and in
// each example host, in headless Chromium (the system's, never a download).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, launchChromium, shots } from './browser.mjs';
import { hosts } from './hosts.mjs';
import { serveRepository } from './serve.mjs';

console.log(`Screenshots: ${shots}`);

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

/** Drags with the mouse from one element to another in small steps. */
async function drag(page, from, to) {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(a.x + ((b.x - a.x) * i) / 8, a.y + ((b.y - a.y) * i) / 8);
  await page.mouse.up();
}

for (const host of hosts) {
  describe(`${host.name} host`, () => {
    let page;
    const errors = [];
    const shot = (name) => page.screenshot({ path: `${shots}${host.name}-${name}.png` });
    const editor = () => page.locator(host.tag);
    const nodeNamed = (name) => editor().locator('.node', { hasText: name }).first();
    const nodeCount = () => page.evaluate((tag) => document.querySelector(tag).workflow.nodes.length, host.tag);

    before(async () => {
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(60_000); // a watchdog for a step that never happens, not a deadline
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}${host.path}?workflow=blank`);
      await editor().locator('wf-palette button.type').first().waitFor();
      if (host.prepare) await host.prepare(page);
    });
    after(async () => {
      await page?.close();
    });

    test('adds three nodes from the palette and connects them by dragging ports', async () => {
      const palette = editor().locator('wf-palette');
      await palette.getByRole('button', { name: 'Add Manual Trigger' }).click();
      await editor()
        .locator('wf-canvas .pane')
        .click({ position: { x: 30, y: 30 } }); // clear the selection
      await palette.getByRole('searchbox').fill('sample');
      await palette.getByRole('button', { name: 'Add Sample Customers' }).click();
      await editor()
        .locator('wf-canvas .pane')
        .click({ position: { x: 30, y: 30 } });
      await palette.getByRole('searchbox').fill('');
      await palette.getByRole('button', { name: 'Add Greet' }).click();
      assert.equal(await nodeCount(), 3);
      await editor()
        .locator('wf-canvas')
        .evaluate((c) => {
          c.fitView(0);
          // The canvas draws the new view on the next frames.
          return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        });

      const port = (name, side) => nodeNamed(name).locator(`.port.${side}`).first();
      await drag(page, port('Manual Trigger', 'out'), port('Sample Customers', 'in'));
      await drag(page, port('Sample Customers', 'out'), port('Greet', 'in'));
      const connections = await page.evaluate((tag) => document.querySelector(tag).workflow.connections.length, host.tag);
      assert.equal(connections, 2);
      assert.equal(await editor().locator('wf-canvas path.edge').count(), 2);
      await shot('1-built');
    });

    test('edits a parameter with an expression, then undoes and redoes it', async () => {
      await nodeNamed('Greet').click();
      const field = editor().locator('wf-inspector [data-param="name"]');
      await field.getByRole('button', { name: /Use an expression for Name/ }).click();
      const input = field.locator('wf-expression-input textarea');
      await input.fill('{{ $json.na');
      // Autocomplete offers the fields of the previous node's output once it has run; here, the keywords.
      await input.fill('{{ $json.name }}');
      await shot('2-expression');
      await editor()
        .locator('wf-canvas .pane')
        .click({ position: { x: 30, y: 30 } });
      const param = () =>
        page.evaluate((tag) => document.querySelector(tag).workflow.nodes.find((n) => n.type === 'demo.greet').parameters.name, host.tag);
      assert.equal(await param(), '{{ $json.name }}');

      await editor().locator('wf-canvas .pane').press('Control+z');
      assert.notEqual(await param(), '{{ $json.name }}');
      await editor().locator('wf-canvas .pane').press('Control+Shift+z');
      assert.equal(await param(), '{{ $json.name }}');
    });

    test('runs the workflow and shows the output items in the inspector', async () => {
      await editor().locator('button.run').click();
      await editor().locator('wf-run-panel .status.success').waitFor();
      await nodeNamed('Greet').click();
      const output = editor().locator('wf-run-panel section.output');
      await output.locator('table').waitFor();
      const text = await output.innerText();
      assert.match(text, /message/);
      assert.match(text, /Hello, Ada!/);
      assert.equal(await editor().locator('wf-canvas .badge.success').count(), 3);
      // The expression previews against the data of the last run.
      const preview = editor().locator('wf-inspector [data-param="name"] .preview');
      assert.match(await preview.innerText(), /Ada/);
      await shot('3-run');
    });

    test('works with the keyboard alone: focus, select, move, delete, undo', async () => {
      const trigger = nodeNamed('Manual Trigger');
      await trigger.focus();
      await page.keyboard.press('Enter');
      const before = await page.evaluate(
        (tag) => document.querySelector(tag).workflow.nodes.find((n) => n.type === 'core.manualTrigger').position,
        host.tag,
      );
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      const moved = await page.evaluate(
        (tag) => document.querySelector(tag).workflow.nodes.find((n) => n.type === 'core.manualTrigger').position,
        host.tag,
      );
      assert.deepEqual(moved, { x: before.x + 20, y: before.y + 20 });
      assert.match(await editor().locator('[aria-live="polite"].live').innerText(), /Moved 1/);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Delete');
      assert.equal(await nodeCount(), 2);
      await page.keyboard.press('Control+z');
      assert.equal(await nodeCount(), 3);
      // Tab from node to node, select the last one, then add a node from the palette with the keyboard:
      // it lands to the right of the selection, connected.
      await nodeNamed('Manual Trigger').focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      const selected = await page.evaluate((tag) => [...document.querySelector(tag).store.selectedNodes], host.tag);
      const greetId = await page.evaluate(
        (tag) => document.querySelector(tag).workflow.nodes.find((n) => n.type === 'demo.greet').id,
        host.tag,
      );
      assert.deepEqual(selected, [greetId]);
      await editor().locator('wf-palette').getByRole('searchbox').focus();
      await page.keyboard.type('No Operation');
      // Enter in the search adds the top match (the palette is one tab stop: Tab would leave it).
      await page.keyboard.press('Enter');
      assert.equal(await nodeCount(), 4);
      const linked = await page.evaluate(
        ([tag, from]) => document.querySelector(tag).workflow.connections.some((c) => c.from.node === from),
        [host.tag, greetId],
      );
      assert.ok(linked, 'the new node follows the selected one');
      await shot('4-keyboard');
      // Ctrl+Z in the search field undoes its text: back on the canvas, it undoes the added node.
      await nodeNamed('Manual Trigger').focus();
      await page.keyboard.press('Control+z');
      assert.equal(await nodeCount(), 3);
      await editor().locator('wf-palette').getByRole('searchbox').fill('');
    });

    test('arranges the nodes with auto-layout in a worker, as one undoable step', async () => {
      const positions = () =>
        page.evaluate(
          (tag) =>
            document
              .querySelector(tag)
              .workflow.nodes.map((n) => `${n.position.x},${n.position.y}`)
              .join(' '),
          host.tag,
        );
      const before = await positions();
      await editor().locator('.toolbar button', { hasText: 'Auto-layout' }).click();
      await page.waitForFunction(
        (tag) => document.querySelector(tag).shadowRoot.querySelector('.live').textContent.includes('Nodes arranged'),
        host.tag,
      );
      assert.notEqual(await positions(), before);
      await editor().locator('wf-canvas .pane').press('Control+z');
      assert.equal(await positions(), before);
    });

    if (host.integrations) {
      test("lists the integrations, and loads a service's form when its node is added", async () => {
        const palette = editor().locator('wf-palette');
        await palette.getByRole('searchbox').fill('slack');
        await palette.getByRole('button', { name: 'Add Slack', exact: true }).click();
        await palette.getByRole('searchbox').fill('');
        // The operations load on first use: the inspector shows the service's form once they have.
        const operation = editor().locator('wf-inspector [data-param="operation"]');
        await operation.waitFor();
        assert.ok(await editor().locator('wf-inspector [data-param="resource"]').isVisible());
        await shot('5-integration');
        await editor().locator('wf-canvas .pane').press('Control+z');
        assert.deepEqual(errors, []);
      });
    }

    test('shows the host theme and French strings', async () => {
      const run = editor().locator('button.run');
      const background = await run.evaluate((b) => getComputedStyle(b).backgroundColor);
      assert.equal(background, host.runButtonBackground);
      await page.evaluate((tag) => (document.querySelector(tag).locale = 'fr'), host.tag);
      await run.filter({ hasText: /Exécuter/ }).waitFor();
      assert.match(await run.innerText(), /Exécuter/);
      assert.ok(await editor().locator('wf-palette').getByRole('searchbox', { name: 'Rechercher des nœuds' }).isVisible());
      await shot('6-theme-fr');
      assert.deepEqual(errors, []);
    });
  });
}
