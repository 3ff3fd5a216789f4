import { describe, expect, it } from 'vitest';
import { LiteralMatcher } from './literal-matcher.js';

/** The plain way: each literal in turn, longest first, with split and join. */
function oneByOne(text: string, literals: string[], by: string): string {
  let out = text;
  for (const literal of [...literals].sort((a, b) => b.length - a.length)) out = out.split(literal).join(by);
  return out;
}

describe('LiteralMatcher', () => {
  it('takes regular-expression characters in literals and in the replacement literally', () => {
    const literals = ['a.b*c', '(x)|[y]', '^$\\/{2}', '-?+'];
    const text = 'a.b*c aXbc (x)|[y] x ^$\\/{2} -?+ ^$';
    expect(new LiteralMatcher(literals).replace(text, '$&$1')).toBe(oneByOne(text, literals, '$&$1'));
  });

  it('replaces the longer literal where two start at the same place', () => {
    expect(new LiteralMatcher(['token', 'token-extended']).replace('a token-extended token', '#')).toBe('a # #');
  });

  it('finds literals past the single-pattern sizes: long ones, and hundreds of them', () => {
    const literals = Array.from({ length: 450 }, (_, i) => `literal-${i}-${'x'.repeat(i % 7)}`);
    literals.push('L'.repeat(300), `${'M'.repeat(299)}!`);
    const text = ['start', ...literals.filter((_, i) => i % 3 === 0), 'middle', 'L'.repeat(301), 'end'].join(' ');
    const out = new LiteralMatcher(literals).replace(text, '#');
    expect(out).toBe(oneByOne(text, literals, '#'));
    expect(out.startsWith('start # #')).toBe(true);
  });

  it('returns the same string when no literal occurs, also for text shorter than any literal', () => {
    const matcher = new LiteralMatcher(['secret-one', 'secret-two']);
    const text = 'nothing to see here';
    expect(matcher.replace(text, '#')).toBe(text);
    expect(matcher.replace('short', '#')).toBe('short');
    expect(new LiteralMatcher([]).replace(text, '#')).toBe(text);
  });
});
