import { sendMouse } from '@web/test-runner-commands';
import type { WorkflowEditor } from '../workflow-editor.component.js';
import { until } from './assert.js';

/** Opens a panel with its toolbar button and resolves with the panel's shadow root. */
export async function openPanel(el: WorkflowEditor, panel: 'credentials' | 'variables'): Promise<ShadowRoot> {
  el.shadowRoot!.querySelector<HTMLButtonElement>(`.toolbar button[data-panel="${panel}"]`)!.click();
  return panelRoot(el, panel);
}

/** The shadow root of an open panel, once it is rendered. */
export function panelRoot(el: WorkflowEditor, panel: 'credentials' | 'variables'): Promise<ShadowRoot> {
  const tag = panel === 'credentials' ? 'wf-credentials-panel' : 'wf-variables-panel';
  return until(
    () => el.shadowRoot!.querySelector('wf-editor-panels')?.shadowRoot?.querySelector(tag)?.shadowRoot,
    `the ${panel} panel opens`,
  );
}

/** Types into a field as the user does: its value, then an `input` event. */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement | null | undefined, value: string): void {
  if (!field) throw new Error(`No field to type ${JSON.stringify(value)} into`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Chooses an option of a select as the user does: its value, then a `change` event. */
export function choose(select: HTMLSelectElement | null | undefined, value: string): void {
  if (!select) throw new Error(`No select to choose ${JSON.stringify(value)} in`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Clicks an element with the real mouse (a user activation, which popups need). */
export async function realClick(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/**
 * Everything a page shows or holds for the user under a root, shadow roots
 * included: text, field values, and the attributes read aloud or shown.
 */
export function everythingShown(root: Node): string {
  const out: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent ?? '');
    if (node instanceof Element) {
      for (const name of ['value', 'placeholder', 'title', 'aria-label', 'alt']) {
        const attribute = node.getAttribute(name);
        if (attribute) out.push(attribute);
      }
      if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement)
        out.push(node.value);
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return out.join('\n');
}
