import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_TEXT } from '../model/note.js';
import { importN8nWorkflow } from './import-workflow.js';

type N8nNode = { name: string; type: string; position: [number, number]; parameters: Record<string, unknown> };
type N8nWorkflow = { nodes: N8nNode[] } & Record<string, unknown>;

const fixture = (file: string) => JSON.parse(readFileSync(new URL(`./fixtures/workflows/${file}`, import.meta.url), 'utf8')) as N8nWorkflow;
const STICKY = 'n8n-nodes-base.stickyNote';

describe('n8n sticky notes become canvas notes', () => {
  // A real export (fixtures/workflows): six sticky notes, colours 6 and 7 and the default.
  const n8n = fixture('0786_Stopanderror_Stickynote_Create_Webhook.json');
  const stickies = n8n.nodes.filter((n) => n.type === STICKY);
  const { workflow, report } = importN8nWorkflow(n8n);

  it('keeps each note’s text, place and size as n8n wrote them, in order', () => {
    expect(stickies).toHaveLength(6);
    expect(workflow!.notes!.map((n) => [n.text, n.position, n.size])).toEqual(
      stickies.map((s) => [s.parameters.content, s.position, [s.parameters.width, s.parameters.height]]),
    );
  });

  it('names n8n’s numbered colours, a note without one being yellow as in n8n', () => {
    const n8nColors = stickies.map((s) => s.parameters.color);
    expect(n8nColors).toEqual([6, 6, 7, 7, 7, undefined]);
    expect(workflow!.notes!.map((n) => n.color)).toEqual(['purple', 'purple', 'gray', 'gray', 'gray', 'yellow']);
  });

  it('no longer keeps the notes in meta nor reports them as dropped, and counts them apart from nodes', () => {
    expect((workflow!.meta!.n8n as Record<string, unknown>).stickyNotes).toBeUndefined();
    expect(report.settingsDropped.filter((d) => /sticky/i.test(d.setting))).toEqual([]);
    expect(report.nodes.stickyNotes).toBe(6);
    expect(report.nodes.total).toBe(n8n.nodes.length - 6);
    expect(workflow!.nodes.some((n) => n.name.startsWith('Sticky Note'))).toBe(false);
  });

  it('gives notes of n8n’s default size that size, and unique ids', () => {
    const { workflow: wf } = importN8nWorkflow({
      nodes: [{ name: 'Note', type: STICKY, position: [5, 6], parameters: { content: 'Hi' } }, ...n8n.nodes],
      connections: n8n.connections,
    });
    expect(wf!.notes![0]).toMatchObject({ text: 'Hi', position: [5, 6], size: [240, 160], color: 'yellow' });
    expect(new Set(wf!.notes!.map((n) => n.id)).size).toBe(7);
  });

  it('says what did not fit: an unknown colour, text past the limit, a size out of range', () => {
    const { workflow: wf, report: r } = importN8nWorkflow({
      nodes: [
        {
          name: 'Odd',
          type: STICKY,
          position: [0, 0],
          parameters: { content: 'x'.repeat(MAX_NOTE_TEXT + 5), color: 12, width: 5, height: 99_999 },
        },
        ...n8n.nodes.filter((n) => n.type !== STICKY),
      ],
      connections: n8n.connections,
    });
    expect(wf!.notes![0]).toMatchObject({ color: 'yellow', size: [40, 10_000] });
    expect(wf!.notes![0]!.text).toHaveLength(MAX_NOTE_TEXT);
    expect(r.problems.filter((p) => p.code.startsWith('sticky-note')).map((p) => p.message)).toEqual([
      `sticky note 'Odd': its text was cut to ${MAX_NOTE_TEXT} characters, the most a note holds`,
      "sticky note 'Odd': colour 12 is not one of n8n's 1 to 7; the note is yellow",
    ]);
  });
});
