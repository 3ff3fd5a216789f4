// The note changes against the engine's own check of the document (the oracle): every result validates, and
// each inverse gives back the document it started from.
import { safeParseWorkflow, type Workflow, type WorkflowNote } from '@flowloom/engine';
import { applyChange, checkChange } from '../model/apply-change.js';
import type { WorkflowChange } from '../model/changes.js';
import { equal, ok } from '../testing/assert.js';
import { sampleWorkflow } from '../testing/fixture.js';

const note = (id: string, extra: Partial<WorkflowNote> = {}): WorkflowNote => ({
  id,
  text: `# ${id}`,
  position: [0, 0],
  size: [240, 160],
  color: 'yellow',
  ...extra,
});

function roundTrip(start: Workflow, change: WorkflowChange): Workflow {
  equal(checkChange(start, change), undefined);
  const { workflow, inverse } = applyChange(start, change);
  const parsed = safeParseWorkflow(workflow);
  ok(parsed.success, parsed.success ? '' : parsed.error.message);
  equal(applyChange(workflow, inverse).workflow, start, `undoing ${change.type}`);
  return workflow;
}

describe('note changes', () => {
  it('add, update, move and remove notes into documents the engine accepts, each undone exactly', () => {
    const plain = sampleWorkflow();
    const one = roundTrip(plain, { type: 'addNotes', notes: [note('a')] });
    const two = roundTrip(one, { type: 'addNotes', notes: [note('b', { color: 'green' })] });
    roundTrip(two, { type: 'updateNote', id: 'a', patch: { text: 'Changed', color: 'red' }, before: { text: '# a', color: 'yellow' } });
    roundTrip(two, {
      type: 'updateNote',
      id: 'b',
      patch: { position: [40, 80], size: [300, 200] },
      before: { position: [0, 0], size: [240, 160] },
    });
    const removed = roundTrip(two, { type: 'removeNotes', ids: ['a'] });
    equal(
      removed.notes?.map((n) => n.id),
      ['b'],
    );
    ok(!('notes' in roundTrip(one, { type: 'removeNotes', ids: ['a'] })), 'removing the last note leaves no empty list');
  });

  it('refuse a note id already used or missing, as the engine refuses duplicate ids', () => {
    const one = applyChange(sampleWorkflow(), { type: 'addNotes', notes: [note('a')] }).workflow;
    ok(checkChange(one, { type: 'addNotes', notes: [note('a')] }));
    ok(!safeParseWorkflow({ ...one, notes: [note('a'), note('a')] }).success);
    ok(checkChange(one, { type: 'removeNotes', ids: ['zz'] }));
    ok(checkChange(one, { type: 'updateNote', id: 'zz', patch: { text: '' }, before: {} }));
  });
});
