import { equal, ok } from '../testing/assert.js';
import { jsonErrorOffset } from './json-error-offset.js';

// The oracle is the browser's own JSON parser: where its message gives a position, ours must be the same.
const samples = [
  '[1, 2',
  '[1 2]',
  '{"a" 1}',
  '{"a": 1,}',
  '{a: 1}',
  '[\n  {"name": "Ada"},\n  {"name" "Alan"}\n]',
  '{"a": [1, 2}',
  '"abc',
  '[1, 2] x',
  '{"a": tru}',
];

describe('jsonErrorOffset', () => {
  it('finds the position the browser JSON parser reports', () => {
    let compared = 0;
    for (const text of samples) {
      let position: number | undefined;
      try {
        JSON.parse(text);
      } catch (e) {
        const match = /position (\d+)/.exec((e as Error).message);
        if (match) position = Number(match[1]);
      }
      if (position === undefined) continue;
      compared++;
      equal(jsonErrorOffset(text), position, text);
    }
    ok(compared >= 5, `only ${compared} samples had a position to compare`);
  });

  it('says valid JSON has no error', () => {
    for (const text of ['[]', '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}', ' {"b": {}} ']) {
      equal(jsonErrorOffset(text), undefined, text);
      JSON.parse(text);
    }
  });
});
