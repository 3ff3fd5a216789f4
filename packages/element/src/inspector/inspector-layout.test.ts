import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok } from '../testing/assert.js';
import { mountEditor, part, press, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

const longPath = 'customer.billingAddress.secondLineOfTheStreetAddressWithoutSpaces';

/** A Switch whose rule holds conditions (a list in a list), every condition with a long value, after a failed run attempt. */
async function nestedSwitch(): Promise<{ el: WorkflowEditor; root: ShadowRoot }> {
  const condition = { field: longPath, operator: 'number:between', rightValue: 1, rightValue2: 'not a number at all, and long' };
  const el = await mountEditor(
    buildWorkflow({
      nodes: [
        { id: 't', type: 'core.manualTrigger' },
        {
          id: 'n',
          type: 'core.switch',
          parameters: { rules: [{ conditions: [condition, { ...condition, leftValue: '{{ $json.total }}' }], outputKey: 'big' }] },
        },
      ],
      connections: [['t', 'n']],
    }),
  );
  el.store.select(['n']);
  await settle(el);
  await el.run();
  await settle(el);
  return { el, root: part(el, 'wf-inspector') };
}

const width = (e: Element) => Math.round(e.getBoundingClientRect().width);

describe('inspector layout', () => {
  it('lays out nested collections without horizontal overflow at the default width', async () => {
    const { el, root } = await nestedSwitch();
    const inspector = el.shadowRoot!.querySelector('wf-inspector')!;
    equal(width(inspector), 320, 'the default width');
    ok(root.querySelectorAll('.group .group .group').length > 0, 'three levels of nesting');
    ok(root.querySelectorAll('.error').length > 0, 'with problems shown');
    root.querySelectorAll('details').forEach((d) => (d.open = true));
    await settle(el);
    const scroll = root.querySelector('.scroll')!;
    const overflowing = [scroll, ...root.querySelectorAll('.field, .group, .item, .error')].filter((e) => e.scrollWidth > e.clientWidth);
    equal(
      overflowing.map((e) => `${e.className} ${(e as HTMLElement).dataset.param ?? ''}`),
      [],
    );
    const right = scroll.getBoundingClientRect().right;
    const outside = [...root.querySelectorAll('button, input, select, textarea, wf-expression-input')].filter(
      (e) => e.getBoundingClientRect().right > right + 0.5,
    );
    equal(
      outside.map((e) => e.outerHTML.slice(0, 60)),
      [],
    );
  });

  it('resizes with the handle on its edge, by pointer and by keyboard, within limits', async () => {
    const { el, root } = await nestedSwitch();
    const inspector = el.shadowRoot!.querySelector('wf-inspector')!;
    const layout = inspector.parentElement!;
    const handle = root.querySelector<HTMLElement>('.resize[role="separator"]')!;
    const x = handle.getBoundingClientRect().left + 2;
    const pointer = (type: string, clientX: number) =>
      handle.dispatchEvent(new PointerEvent(type, { clientX, button: 0, pointerId: 7, bubbles: true, composed: true }));
    pointer('pointerdown', x);
    pointer('pointermove', x - 60);
    pointer('pointermove', x - 100);
    pointer('pointerup', x - 100);
    await settle(el);
    equal(
      [width(inspector), handle.getAttribute('aria-valuenow'), getComputedStyle(layout).getPropertyValue('--wf-inspector-width').trim()],
      [420, '420', '420px'],
    );
    press(handle, 'ArrowRight');
    await settle(el);
    equal(width(inspector), 404, 'an arrow to the right narrows it');
    press(handle, 'ArrowLeft', { shiftKey: true });
    await settle(el);
    equal(width(inspector), 468, 'a wider step with Shift');
    press(handle, 'End');
    await settle(el);
    equal([width(inspector), handle.getAttribute('aria-valuemax')], [720, '720'], 'at most 60% of the editor');
    pointer('pointerdown', x);
    pointer('pointermove', x + 2000);
    pointer('pointerup', x + 2000);
    await settle(el);
    equal([width(inspector), handle.getAttribute('aria-valuemin')], [240, '240'], 'at least the minimum');
  });
});
