import { equal, ok } from '../testing/assert.js';
import { drawMinimap, minimapScale } from './minimap.js';

const view = { x: 0, y: 0, width: 400, height: 300 };
const node = { id: 'a', name: 'A', type: 'core.noOp', typeVersion: 1, parameters: {}, position: { x: 0, y: 0 } };
const note = {
  id: 'n',
  text: 'Far away',
  position: [1600, 1200] as [number, number],
  size: [240, 160] as [number, number],
  color: 'yellow' as const,
};

describe('minimap', () => {
  it('fits the notes as well as the nodes and the view', () => {
    const without = minimapScale([node], view, 200, 150);
    const withNote = minimapScale([node], view, 200, 150, [note]);
    equal(without.bounds, view);
    equal(withNote.bounds, { x: 0, y: 0, width: 1840, height: 1360 });
  });

  it('draws each note in the note colour, where the note is', () => {
    const canvas = document.createElement('canvas');
    canvas.width = 200;
    canvas.height = 150;
    const ctx = canvas.getContext('2d')!;
    const s = minimapScale([node], view, 200, 150, [note]);
    drawMinimap(ctx, [node], view, s, { node: '#000000', view: '#0000ff', note: '#ff0000' }, [note]);
    // The middle of the note on the minimap.
    const x = Math.round(s.offsetX + (note.position[0] + 120 - s.bounds.x) * s.scale);
    const y = Math.round(s.offsetY + (note.position[1] + 80 - s.bounds.y) * s.scale);
    const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
    ok(r === 255 && g === 0 && b === 0, `the pixel at ${x},${y} is ${r},${g},${b}`);
  });
});
