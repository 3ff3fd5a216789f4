import { argError, arr, capArray, getPath, isRecord, num, setKey, str } from './args.js';
import { fn, type LibraryFunction } from './function-spec.js';

/** A key that tells values apart by type and content (for unique, union...). */
export function identity(value: unknown): string {
  if (typeof value === 'object' && value !== null) return 'j' + stableJson(value);
  return typeof value + ':' + String(value);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(stableJson).join(',') + ']';
  if (isRecord(value)) {
    return (
      '{' +
      Object.keys(value)
        .sort()
        .map((k) => JSON.stringify(k) + ':' + stableJson(value[k]))
        .join(',') +
      '}'
    );
  }
  return JSON.stringify(value) ?? 'undefined';
}

function uniqueBy(values: unknown[], key: (v: unknown) => unknown): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of values) {
    const id = identity(key(v));
    if (!seen.has(id)) {
      seen.add(id);
      out.push(v);
    }
  }
  return out;
}

const isBlank = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** Array functions. A single value counts as a one-element array. */
export const arrayFunctions: LibraryFunction[] = [
  fn(
    '$unique',
    '$unique(array)',
    'array',
    'The array without repeated values (objects compare by content), first occurrences kept.',
    '$unique([1, 2, 2, {"a": 1}, {"a": 1}])',
    '[1,2,{"a":1}]',
    (_, a) => uniqueBy(arr(a), (v) => v),
  ),
  fn(
    '$uniqueBy',
    '$uniqueBy(array, field)',
    'array',
    'Keeps the first element for each distinct value of a field (dotted path).',
    '$uniqueBy([{"id": 1, "v": "a"}, {"id": 1, "v": "b"}], "id").v',
    '"a"',
    (_, a, field) => uniqueBy(arr(a), (v) => getPath(v, field)),
  ),
  fn(
    '$chunk',
    '$chunk(array, size)',
    'array',
    'Splits the array into arrays of `size` elements (the last may be shorter).',
    '$chunk([1, 2, 3, 4, 5], 2)',
    '[[1,2],[3,4],[5]]',
    (_, a, size) => {
      const n = num('$chunk', size, 'the size');
      if (n < 1 || !Number.isInteger(n)) argError('$chunk', 'the size must be a whole number of 1 or more.');
      const values = arr(a);
      const out: unknown[][] = [];
      for (let i = 0; i < values.length; i += n) out.push(values.slice(i, i + n));
      return out;
    },
  ),
  fn(
    '$flatten',
    '$flatten(array, depth?)',
    'array',
    'Flattens nested arrays, fully or to `depth` levels.',
    '$flatten([1, [2, [3, [4]]]], 1)',
    '[1,2,[3,[4]]]',
    (rt, a, depth) => {
      const d = depth === undefined ? Infinity : num('$flatten', depth, 'the depth');
      const out = arr(a).flat(Math.min(d, 100));
      capArray('$flatten', out.length, rt.maxSequence);
      return out;
    },
  ),
  fn(
    '$compact',
    '$compact(value)',
    'array',
    'Drops null, missing, empty-text, empty-array and empty-object entries from an array, or fields from an object.',
    '$compact([0, null, "", "a", [], {}])',
    '[0,"a"]',
    (_, v) => {
      if (isRecord(v)) {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) if (!isBlank(v[k])) setKey(out, k, v[k]);
        return out;
      }
      return arr(v).filter((x) => !isBlank(x));
    },
  ),
  fn(
    '$pluck',
    '$pluck(array, field, ...)',
    'array',
    'With one field, that field of every element; with several, objects with just those fields.',
    '$pluck([{"a": 1, "b": 2}, {"a": 3, "b": 4}], "a")',
    '[1,3]',
    (_, a, ...fields) => {
      const names = fields.flatMap((f) => arr(f)).map(String);
      if (names.length === 0) argError('$pluck', 'name at least one field.');
      if (names.length === 1) return arr(a).map((v) => getPath(v, names[0]));
      return arr(a).map((v) => {
        const out: Record<string, unknown> = {};
        for (const n of names) if (getPath(v, n) !== undefined) setKey(out, n, getPath(v, n));
        return out;
      });
    },
  ),
  fn(
    '$groupBy',
    '$groupBy(array, field)',
    'array',
    'An object whose keys are the values of a field and whose values are the elements with that value.',
    '$groupBy([{"t": "a", "n": 1}, {"t": "b", "n": 2}, {"t": "a", "n": 3}], "t").a.n',
    '[1,3]',
    (_, a, field) => {
      const out: Record<string, unknown[]> = {};
      for (const v of arr(a)) {
        const key = String(getPath(v, field));
        if (!Object.prototype.hasOwnProperty.call(out, key)) setKey(out, key, []);
        out[key]!.push(v);
      }
      return out;
    },
  ),
  fn(
    '$keyBy',
    '$keyBy(array, field)',
    'array',
    'An object whose keys are the values of a field, each holding the last element with that value.',
    '$keyBy([{"id": "x", "n": 1}, {"id": "y", "n": 2}], "id").y.n',
    '2',
    (_, a, field) => {
      const out: Record<string, unknown> = {};
      for (const v of arr(a)) setKey(out, String(getPath(v, field)), v);
      return out;
    },
  ),
  fn(
    '$sortBy',
    '$sortBy(array, field, descending?)',
    'array',
    'Sorts by a field (dotted path); numbers numerically, others as text; missing values last.',
    '$sortBy([{"n": 3}, {"n": 1}, {"n": 2}], "n").n',
    '[1,2,3]',
    (_, a, field, desc) => {
      const sign = desc === true ? -1 : 1;
      return [...arr(a)].sort((x, y) => sign * compare(getPath(x, field), getPath(y, field)));
    },
  ),
  fn(
    '$union',
    '$union(array1, array2, ...)',
    'array',
    'The values that are in any of the arrays, each once.',
    '$union([1, 2], [2, 3])',
    '[1,2,3]',
    (_, ...arrays) => uniqueBy(arrays.flatMap(arr), (v) => v),
  ),
  fn(
    '$intersection',
    '$intersection(array1, array2, ...)',
    'array',
    'The values that are in every one of the arrays, each once.',
    '$intersection([1, 2, 3], [2, 3, 4])',
    '[2,3]',
    (_, first, ...rest) => {
      const others = rest.map((r) => new Set(arr(r).map(identity)));
      return uniqueBy(arr(first), (v) => v).filter((v) => others.every((s) => s.has(identity(v))));
    },
  ),
  fn(
    '$difference',
    '$difference(array, other)',
    'array',
    'The values of the first array that are not in the other.',
    '$difference([1, 2, 3], [2])',
    '[1,3]',
    (_, a, b) => {
      const other = new Set(arr(b).map(identity));
      return arr(a).filter((v) => !other.has(identity(v)));
    },
  ),
  fn(
    '$first',
    '$first(array)',
    'array',
    'The first element, or nothing for an empty array.',
    '$first(["a", "b"])',
    '"a"',
    (_, a) => arr(a)[0],
  ),
  fn('$last', '$last(array)', 'array', 'The last element, or nothing for an empty array.', '$last(["a", "b"])', '"b"', (_, a) =>
    arr(a).at(-1),
  ),
  fn(
    '$range',
    '$range(start, end, step?)',
    'array',
    'Numbers from `start` up to but not including `end`, by `step` (default 1).',
    '$range(0, 10, 3)',
    '[0,3,6,9]',
    (rt, s, e, st) => {
      const start = num('$range', s, 'the start');
      const end = num('$range', e, 'the end');
      const step = st === undefined ? (end >= start ? 1 : -1) : num('$range', st, 'the step');
      if (step === 0) argError('$range', 'the step cannot be 0.');
      const count = Math.max(0, Math.ceil((end - start) / step));
      capArray('$range', count, rt.maxSequence);
      return Array.from({ length: count }, (_x, i) => start + i * step);
    },
  ),
  fn('$randomItem', '$randomItem(array)', 'array', 'One element chosen at random.', '$randomItem([1, 2, 3])', undefined, (rt, a) => {
    const values = arr(a);
    return values[Math.floor(rt.random() * values.length)];
  }),
  fn(
    '$indexOf',
    '$indexOf(array, value)',
    'array',
    'The position of the first element equal to the value, or -1.',
    '$indexOf(["a", "b", "c"], "c")',
    '2',
    (_, a, v) => {
      const id = identity(v);
      return arr(a).findIndex((x) => identity(x) === id);
    },
  ),
  fn(
    '$includes',
    '$includes(arrayOrText, value)',
    'array',
    'Whether an array has an element equal to the value, or a text contains the value.',
    '$includes(["a", "b"], "b")',
    'true',
    (_, a, v) => {
      if (typeof a === 'string') return a.includes(str('$includes', v, 'the value') ?? '');
      const id = identity(v);
      return arr(a).some((x) => identity(x) === id);
    },
  ),
  fn(
    '$smartJoin',
    '$smartJoin(array, keyField, valueField)',
    'array',
    'Turns a list of objects into one object, using one field as keys and another as values.',
    '$smartJoin([{"k": "a", "v": 1}, {"k": "b", "v": 2}], "k", "v")',
    '{"a":1,"b":2}',
    (_, a, kf, vf) => {
      const out: Record<string, unknown> = {};
      for (const v of arr(a)) setKey(out, String(getPath(v, kf)), getPath(v, vf));
      return out;
    },
  ),
];
