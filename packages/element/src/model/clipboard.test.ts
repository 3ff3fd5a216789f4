import type { Workflow } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok } from '../testing/assert.js';
import { mountEditor } from '../testing/fixture.js';
import { copySelection } from './clipboard.js';

/** Two nodes with a note written between them, and a note far away. */
const annotated = (): Workflow => ({
  ...buildWorkflow({
    id: 'annotated',
    nodes: [
      { id: 'a', name: 'A', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      { id: 'b', name: 'B', type: 'core.noOp', position: { x: 400, y: 200 } },
    ],
    connections: [['a', 'b']],
  }),
  notes: [
    { id: 'inside', text: 'Why **B** runs', position: [100, 80], size: [240, 120], color: 'yellow' },
    { id: 'away', text: 'Elsewhere', position: [1000, 1000], size: [240, 160], color: 'blue' },
  ],
});

describe('clipboard: notes go with the nodes they lie among', () => {
  it('copies the notes within the selected nodes’ bounds, and none for a single node they do not fit in', () => {
    const wf = annotated();
    const doc = JSON.parse(copySelection(wf, new Set(['a', 'b']))) as Workflow;
    equal(
      doc.notes?.map((n) => n.id),
      ['inside'],
    );
    equal(JSON.parse(copySelection(wf, new Set(['a']))).notes, undefined);
  });

  it('pastes the notes with fresh ids, moved as far as the nodes, in one undoable step', async () => {
    const el = await mountEditor(annotated());
    el.store.select(['a', 'b']);
    ok(await el.actions.paste(el.actions.copyText()));
    const wf = el.workflow;
    equal(wf.nodes.length, 4);
    equal(wf.notes!.length, 3);
    const pasted = wf.notes![2]!;
    ok(pasted.id !== 'inside', 'the pasted note has a fresh id');
    equal(pasted.text, 'Why **B** runs');
    const a2 = wf.nodes.find((n) => el.store.selectedNodes.has(n.id) && n.type === 'core.manualTrigger')!;
    equal([pasted.position[0] - 100, pasted.position[1] - 80], [a2.position.x, a2.position.y], 'the note keeps its place among the nodes');
    el.actions.undo();
    equal([el.workflow.nodes.length, el.workflow.notes!.length], [2, 2]);
  });

  it('duplicates the selection with its notes', async () => {
    const el = await mountEditor(annotated());
    el.store.select(['a', 'b']);
    ok(el.actions.duplicate());
    equal(
      el.workflow.notes!.map((n) => n.text),
      ['Why **B** runs', 'Elsewhere', 'Why **B** runs'],
    );
  });
});
