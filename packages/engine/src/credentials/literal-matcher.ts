/** Literals longer than this are searched one by one (a long literal is found fastest on its own). */
const LONG = 256;
/** Alternatives per regular expression, so no engine meets a pattern too large to compile. */
const GROUP = 200;

/**
 * Replaces every occurrence of any of many literal strings, in one scan of
 * the text for the usual short ones: they are alternatives of a regular
 * expression, longest first, so where two start at the same place the
 * longer wins. Built once per set of literals; scanning text that holds
 * none of them costs about one `RegExp.test`.
 */
export class LiteralMatcher {
  /** Length of the shortest literal: shorter text cannot hold one. */
  readonly shortest: number;
  readonly #long: string[];
  readonly #groups: { find: RegExp; every: RegExp }[] = [];

  constructor(literals: Iterable<string>) {
    const sorted = [...new Set(literals)].filter((l) => l.length > 0).sort((a, b) => b.length - a.length);
    this.shortest = sorted.length > 0 ? sorted[sorted.length - 1]!.length : Infinity;
    this.#long = sorted.filter((l) => l.length > LONG);
    const short = sorted.filter((l) => l.length <= LONG);
    for (let i = 0; i < short.length; i += GROUP) {
      const source = short
        .slice(i, i + GROUP)
        .map(escape)
        .join('|');
      this.#groups.push({ find: new RegExp(source), every: new RegExp(source, 'g') });
    }
  }

  /** The text with every occurrence replaced by `by`; the same string when none occurs. */
  replace(text: string, by: string): string {
    if (text.length < this.shortest) return text;
    let out = text;
    for (const literal of this.#long) if (out.includes(literal)) out = out.split(literal).join(by);
    for (const { find, every } of this.#groups) if (find.test(out)) out = out.replace(every, () => by);
    return out;
  }
}

function escape(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
