import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok, until } from '../testing/assert.js';
import { canvasOf, mountEditor, settle } from '../testing/fixture.js';
import { REPORT_HOST_CLASS } from './import-report-dialog.js';
import { isN8nWorkflowText } from './n8n-paste.js';

/** A real n8n export from the corpus (a Ko-fi webhook workflow; see the fixtures' README and LICENSE). */
const FIXTURE = '/packages/engine/src/n8n/fixtures/workflows/0786_Stopanderror_Stickynote_Create_Webhook.json';

interface N8nExport {
  name?: string;
  nodes: { name: string; type: string }[];
  connections: Record<string, { main?: ({ node: string }[] | null)[] }>;
}

async function fixture(): Promise<{ text: string; n8n: N8nExport }> {
  const text = await (await fetch(FIXTURE)).text();
  return { text, n8n: JSON.parse(text) as N8nExport };
}

/** What n8n's file says: its nodes other than sticky notes, and each main connection as "from -> to" by name. */
function expected(n8n: N8nExport): { names: string[]; edges: string[] } {
  const names = n8n.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name);
  const edges = Object.entries(n8n.connections).flatMap(([from, kinds]) =>
    (kinds.main ?? []).flatMap((targets) => (targets ?? []).map((t) => `${from} -> ${t.node}`)),
  );
  return { names: names.sort(), edges: edges.sort() };
}

function reportDialog(): ShadowRoot | undefined {
  return document.querySelector(`.${REPORT_HOST_CLASS}`)?.shadowRoot ?? undefined;
}

afterEach(() => document.querySelectorAll(`.${REPORT_HOST_CLASS}`).forEach((e) => e.remove()));

describe('pasting or dropping an n8n workflow', () => {
  it('tells n8n JSON from Flowloom JSON and from other text', async () => {
    const { text } = await fixture();
    ok(isN8nWorkflowText(text));
    ok(!isN8nWorkflowText(JSON.stringify(buildWorkflow({ id: 'f', nodes: [{ id: 'a', type: 'core.noOp' }] }))));
    ok(!isN8nWorkflowText('n8n-nodes-base.set is a node type'));
  });

  it('imports a pasted n8n workflow: its nodes and connections, and a report of what was carried over', async () => {
    const { text, n8n } = await fixture();
    const want = expected(n8n);
    const el = await mountEditor(buildWorkflow({ id: 'empty', nodes: [] }));
    ok(await el.actions.paste(text), 'the paste is accepted');
    await settle(el);
    const byId = new Map(el.workflow.nodes.map((n) => [n.id, n.name]));
    equal(el.workflow.nodes.map((n) => n.name).sort(), want.names);
    equal(el.workflow.connections.map((c) => `${byId.get(c.from.node)} -> ${byId.get(c.to.node)}`).sort(), want.edges);
    ok(
      el.workflow.nodes.every((n) => !n.type.startsWith('n8n-nodes-')),
      `every node is a Flowloom node (mapped, or a placeholder): ${el.workflow.nodes.map((n) => n.type).join(', ')}`,
    );
    equal(el.store.selectedNodes.size, want.names.length, 'the imported nodes are selected');
    // The nodes are drawn.
    canvasOf(el).fitView();
    for (const node of el.workflow.nodes) await until(() => canvasOf(el).isRendered(node.id), `${node.name} is drawn`);

    const dialog = await until(reportDialog, 'the import report opens');
    ok(dialog.querySelector('dialog')?.open, 'as a modal dialog');
    equal(dialog.querySelector('h2')?.textContent, n8n.name ? `Imported from n8n: ${n8n.name}` : 'Imported from n8n');
    const mapped = el.workflow.nodes.filter((n) => !n.type.startsWith('core.placeholder')).length;
    equal(
      dialog.querySelector('[data-section="summary"]')?.textContent?.trim(),
      `${mapped} of ${want.names.length} nodes carried over as Flowloom nodes.`,
    );
    const placeholders = el.workflow.nodes.filter((n) => n.type.startsWith('core.placeholder')).map((n) => n.name);
    equal(
      [...dialog.querySelectorAll('[data-section="placeholders"] li strong')].map((s) => s.textContent),
      placeholders,
      'each placeholder is listed',
    );
    (dialog.querySelector('footer button') as HTMLButtonElement).click();
    ok(!reportDialog(), 'Close removes the report');

    el.actions.undo();
    equal(el.workflow.nodes.length, 0, 'the import is one undoable change');
  });

  it('imports an n8n workflow file dropped on the canvas', async () => {
    const { text, n8n } = await fixture();
    const el = await mountEditor(buildWorkflow({ id: 'empty', nodes: [] }));
    const pane = canvasOf(el).shadowRoot!.querySelector('[role="application"]')!;
    const data = new DataTransfer();
    data.items.add(new File([text], 'ko-fi.json', { type: 'application/json' }));
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
    pane.dispatchEvent(over);
    ok(over.defaultPrevented, 'the canvas accepts the file');
    pane.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await until(() => el.workflow.nodes.length > 0, 'the dropped workflow is imported');
    equal(el.workflow.nodes.map((n) => n.name).sort(), expected(n8n).names);
    await until(reportDialog, 'the import report opens');
  });
});
