/** How text is ordered when sorting. */
export type TextOrder = 'natural' | 'locale' | 'codePoint';

function rank(v: unknown): number {
  if (typeof v === 'number') return Number.isNaN(v) ? 4 : 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (v === undefined || v === null) return 4;
  return 3;
}

/**
 * A comparison of JSON values for sorting, ascending: numbers by value, text
 * in the chosen order ("item 2" before "item 10" in natural order), false
 * before true; values of different types group as numbers, text, booleans,
 * objects; missing values (undefined, null, NaN) always come last.
 */
export function valueComparer(order: TextOrder = 'natural', locale?: string): (a: unknown, b: unknown) => number {
  const collator = order === 'codePoint' ? undefined : new Intl.Collator(locale, order === 'natural' ? { numeric: true } : {});
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    switch (ra) {
      case 0:
        return (a as number) - (b as number);
      case 1:
        if (collator) return collator.compare(a as string, b as string);
        return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
      case 2:
        return Number(a) - Number(b);
      case 3: {
        const x = JSON.stringify(a);
        const y = JSON.stringify(b);
        return x === y ? 0 : x < y ? -1 : 1;
      }
      default:
        return 0;
    }
  };
}

/** Whether a value sorts as missing (last in both directions). */
export function isMissing(v: unknown): boolean {
  return rank(v) === 4;
}
