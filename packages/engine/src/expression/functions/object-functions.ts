import { argError, arr, capArray, getPath, isRecord, obj, own, setKey } from './args.js';
import { fn, type LibraryFunction } from './function-spec.js';

function deepMerge(target: unknown, source: unknown, depth: number): unknown {
  if (depth > 100) argError('$deepMerge', 'the objects are nested more than 100 levels deep.');
  if (!isRecord(target) || !isRecord(source)) return source === undefined ? target : source;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(target)) setKey(out, k, target[k]);
  for (const k of Object.keys(source)) setKey(out, k, deepMerge(own(out, k), source[k], depth + 1));
  return out;
}

function containsText(value: unknown, text: string): boolean {
  return (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && String(value).includes(text);
}

/** Object functions. Keys are only ever own fields; `__proto__` is an ordinary key. */
export const objectFunctions: LibraryFunction[] = [
  fn(
    '$pick',
    '$pick(object, field, ...)',
    'object',
    'A copy with only the fields named.',
    '$pick({"a": 1, "b": 2, "c": 3}, "a", "c")',
    '{"a":1,"c":3}',
    (_, o, ...fields) => {
      const src = obj('$pick', o);
      const out: Record<string, unknown> = {};
      for (const f of fields.flatMap(arr).map(String)) if (Object.prototype.hasOwnProperty.call(src, f)) setKey(out, f, src[f]);
      return out;
    },
  ),
  fn(
    '$omit',
    '$omit(object, field, ...)',
    'object',
    'A copy without the fields named.',
    '$omit({"a": 1, "b": 2, "c": 3}, "b")',
    '{"a":1,"c":3}',
    (_, o, ...fields) => {
      const src = obj('$omit', o);
      const drop = new Set(fields.flatMap(arr).map(String));
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(src)) if (!drop.has(k)) setKey(out, k, src[k]);
      return out;
    },
  ),
  fn(
    '$get',
    '$get(value, path, default?)',
    'object',
    'The value at a dotted path ("a.b.0.c") or array of keys, or `default` when it is missing.',
    '$get({"a": {"b": [10, 20]}}, "a.b.1", 0)',
    '20',
    (_, v, path, fallback) => {
      const found = getPath(v, path);
      return found === undefined ? fallback : found;
    },
  ),
  fn(
    '$hasField',
    '$hasField(object, path)',
    'object',
    'Whether the object has a value at the dotted path.',
    '$hasField({"a": {"b": null}}, "a.b")',
    'true',
    (_, v, path) => getPath(v, path) !== undefined,
  ),
  fn(
    '$renameKeys',
    '$renameKeys(object, mapping)',
    'object',
    'A copy with fields renamed by a mapping {"old": "new"}; also works on each object of an array.',
    '$renameKeys({"first": "Ana", "age": 30}, {"first": "name"})',
    '{"name":"Ana","age":30}',
    (_, v, mapping) => {
      const map = obj('$renameKeys', mapping, 'the mapping');
      const rename = (o: unknown) => {
        if (!isRecord(o)) return o;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(o)) setKey(out, Object.prototype.hasOwnProperty.call(map, k) ? String(map[k]) : k, o[k]);
        return out;
      };
      return Array.isArray(v) ? v.map(rename) : rename(obj('$renameKeys', v));
    },
  ),
  fn(
    '$deepMerge',
    '$deepMerge(object1, object2, ...)',
    'object',
    'Merges objects recursively; later values win, nested objects are merged, arrays are replaced.',
    '$deepMerge({"a": {"x": 1, "y": 2}}, {"a": {"y": 3}})',
    '{"a":{"x":1,"y":3}}',
    (_, ...objects) => objects.flatMap(arr).reduce((acc, o) => deepMerge(acc, o, 0), {}),
  ),
  fn(
    '$entries',
    '$entries(object)',
    'object',
    'The fields of an object as [key, value] pairs.',
    '$entries({"a": 1, "b": 2})',
    '[["a",1],["b",2]]',
    (_, o) => Object.keys(obj('$entries', o)).map((k) => [k, (o as Record<string, unknown>)[k]]),
  ),
  fn(
    '$fromEntries',
    '$fromEntries(pairs)',
    'object',
    'Builds an object from [key, value] pairs or {"key", "value"} objects.',
    '$fromEntries([["a", 1], ["b", 2]])',
    '{"a":1,"b":2}',
    (rt, pairs) => {
      const list = arr(pairs);
      capArray('$fromEntries', list.length, rt.maxSequence);
      const out: Record<string, unknown> = {};
      for (const p of list) {
        if (Array.isArray(p)) setKey(out, String(p[0]), p[1]);
        else if (isRecord(p)) setKey(out, String(own(p, 'key')), own(p, 'value'));
        else argError('$fromEntries', 'each entry must be a [key, value] pair or a {"key", "value"} object.');
      }
      return out;
    },
  ),
  fn('$values', '$values(object)', 'object', 'The values of the fields of an object.', '$values({"a": 1, "b": 2})', '[1,2]', (_, o) =>
    Object.values(obj('$values', o)),
  ),
  fn(
    '$removeFieldsContaining',
    '$removeFieldsContaining(object, text)',
    'object',
    'A copy without the fields whose value contains the text.',
    '$removeFieldsContaining({"a": "secret-1", "b": "ok"}, "secret")',
    '{"b":"ok"}',
    (_, o, text) => {
      const src = obj('$removeFieldsContaining', o);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(src)) if (!containsText(src[k], String(text))) setKey(out, k, src[k]);
      return out;
    },
  ),
  fn(
    '$keepFieldsContaining',
    '$keepFieldsContaining(object, text)',
    'object',
    'A copy with only the fields whose value contains the text.',
    '$keepFieldsContaining({"a": "secret-1", "b": "ok"}, "secret")',
    '{"a":"secret-1"}',
    (_, o, text) => {
      const src = obj('$keepFieldsContaining', o);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(src)) if (containsText(src[k], String(text))) setKey(out, k, src[k]);
      return out;
    },
  ),
  fn(
    '$toQueryString',
    '$toQueryString(object)',
    'object',
    'Encodes the fields of an object as a URL query string.',
    '$toQueryString({"q": "a b", "page": 2})',
    '"q=a%20b&page=2"',
    (_, o) => {
      const src = obj('$toQueryString', o);
      return Object.keys(src)
        .filter((k) => src[k] !== undefined && src[k] !== null)
        .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof src[k] === 'object' ? JSON.stringify(src[k]) : String(src[k]))}`)
        .join('&');
    },
  ),
];
