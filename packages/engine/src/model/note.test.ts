import { describe, expect, it } from 'vitest';
import { formatIssue } from '../errors/workflow-validation.error.js';
import { silentLogger } from '../ports/logger.js';
import { createEngine } from '../run/engine.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { MAX_NOTE_TEXT, MAX_NOTES } from './note.js';
import { safeParseWorkflow } from './parse-workflow.js';

const base = buildWorkflow({
  nodes: [
    { id: 't', type: 'core.manualTrigger' },
    { id: 'n', type: 'core.noOp' },
  ],
  connections: [['t', 'n']],
});
const note = (extra: Record<string, unknown> = {}) => ({ id: 'note-1', text: '## Hello', position: [0, -200], ...extra });

function problems(doc: unknown): string[] {
  const result = safeParseWorkflow(doc);
  return result.success ? [] : result.error.issues.map(formatIssue);
}

describe('workflow notes', () => {
  it('are optional, and a note written with only an id and a place gets its size, text and colour', () => {
    expect(safeParseWorkflow(base).success).toBe(true);
    const result = safeParseWorkflow({ ...base, notes: [{ id: 'a', position: [10, 20] }] });
    expect(result.success && result.workflow.notes).toEqual([{ id: 'a', text: '', position: [10, 20], size: [240, 160], color: 'yellow' }]);
  });

  it('refuse unknown fields, colours outside the palette, and sizes out of range, each at its path', () => {
    expect(problems({ ...base, notes: [note({ colour: 'red' })] })).toEqual([expect.stringMatching(/^notes\[0\]: .*colour/)]);
    expect(problems({ ...base, notes: [note({ color: '#ff0000' })] })).toEqual([expect.stringMatching(/^notes\[0\]\.color: /)]);
    expect(problems({ ...base, notes: [note({ size: [10, 100] })] })).toEqual([
      expect.stringMatching(/^notes\[0\]\.size\[0\]: a note side is at least 40/),
    ]);
    expect(problems({ ...base, notes: [note({ position: [0] })] })).toEqual([expect.stringMatching(/^notes\[0\]\.position/)]);
  });

  it('hold at most MAX_NOTE_TEXT characters, and a workflow at most MAX_NOTES notes', () => {
    expect(problems({ ...base, notes: [note({ text: 'x'.repeat(MAX_NOTE_TEXT) })] })).toEqual([]);
    expect(problems({ ...base, notes: [note({ text: 'x'.repeat(MAX_NOTE_TEXT + 1) })] })).toEqual([
      `notes[0].text: a note holds at most ${MAX_NOTE_TEXT} characters`,
    ]);
    const many = Array.from({ length: MAX_NOTES + 1 }, (_, i) => note({ id: `n${i}` }));
    expect(problems({ ...base, notes: many })).toEqual([`notes: a workflow holds at most ${MAX_NOTES} notes`]);
  });

  it('have unique ids, reported beside the schema problems of the same document', () => {
    expect(problems({ ...base, notes: [note(), note({ color: 'teal' })] })).toEqual([
      expect.stringMatching(/^notes\[1\]\.color: /),
      'notes[1].id: note id "note-1" is already used by notes[0]; note ids must be unique',
    ]);
  });

  it('do not change what a run does', async () => {
    const engine = createEngine({ nodeTypes: testNodeTypes, logger: silentLogger });
    const withNotes = { ...base, notes: [note(), note({ id: 'note-2', text: '{{ $json.x }} <script>x</script>' })] };
    // A document as it comes from JSON: the engine fills the notes' default size and colour when it validates it.
    const [plain, noted] = [await engine.run(base), await engine.run(engine.parseWorkflow(withNotes))];
    expect(noted.status).toBe('success');
    const shape = (e: typeof plain) => ({ status: e.status, nodes: Object.keys(e.nodes), output: e.nodes.n?.[0]?.output });
    expect(shape(noted)).toEqual(shape(plain));
  });
});
