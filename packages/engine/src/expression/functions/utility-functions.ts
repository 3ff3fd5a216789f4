import { hashes } from '../libraries.js';
import { argError, isRecord, str } from './args.js';
import { fn, type LibraryFunction } from './function-spec.js';

const HEX = '0123456789abcdef';
function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

const utf8 = new TextEncoder();

type Hasher = (data: Uint8Array) => Uint8Array;
function hasher(fnName: string, algorithm: unknown): { hash: Hasher; create: Parameters<ReturnType<typeof hashes>['hmac']['hmac']>[0] } {
  const { sha2, legacy } = hashes();
  const name = String(algorithm ?? 'sha256')
    .toLowerCase()
    .replace('-', '');
  const table = { md5: legacy.md5, sha1: legacy.sha1, sha256: sha2.sha256, sha384: sha2.sha384, sha512: sha2.sha512 } as const;
  const h = (table as Record<string, (typeof table)[keyof typeof table]>)[name];
  if (!h) return argError(fnName, `unknown algorithm ${JSON.stringify(algorithm)}; use md5, sha1, sha256, sha384 or sha512.`);
  return { hash: h, create: h };
}

const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0) ||
  (isRecord(v) && Object.keys(v).length === 0);

/** Hashing, ids and fallbacks. */
export const utilityFunctions: LibraryFunction[] = [
  fn(
    '$hash',
    '$hash(text, algorithm?)',
    'encoding',
    'The hex digest of the text (UTF-8) with md5, sha1, sha256 (default), sha384 or sha512.',
    '$hash("hello", "sha1")',
    '"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"',
    (_, v, algorithm) => hex(hasher('$hash', algorithm).hash(utf8.encode(str('$hash', v) ?? ''))),
  ),
  fn(
    '$hmac',
    '$hmac(text, key, algorithm?)',
    'encoding',
    'The hex HMAC of the text under the key, with sha256 (default), sha1, sha384, sha512 or md5.',
    '$hmac("message", "key")',
    '"6e9ef29b75fffc5b7abae527d58fdadb2fe42e7219011976917343065f58ed4a"',
    (_, v, key, algorithm) => {
      const { create } = hasher('$hmac', algorithm);
      return hex(hashes().hmac.hmac(create, utf8.encode(str('$hmac', key, 'the key') ?? ''), utf8.encode(str('$hmac', v) ?? '')));
    },
  ),
  fn('$uuid', '$uuid()', 'utility', 'A new random UUID (version 4).', '$uuid()', undefined, () => crypto.randomUUID()),
  fn(
    '$isEmpty',
    '$isEmpty(value)',
    'utility',
    'Whether the value is missing, null, blank text, an empty array or an empty object.',
    '$isEmpty("  ")',
    'true',
    (_, v) => isEmpty(v),
  ),
  fn('$isNotEmpty', '$isNotEmpty(value)', 'utility', 'The opposite of $isEmpty.', '$isNotEmpty([0])', 'true', (_, v) => !isEmpty(v)),
  fn(
    '$ifEmpty',
    '$ifEmpty(value, fallback)',
    'utility',
    'The value, or the fallback when the value is empty (see $isEmpty).',
    '$ifEmpty("", "n/a")',
    '"n/a"',
    (_, v, fallback) => (isEmpty(v) ? fallback : v),
  ),
  fn(
    '$coalesce',
    '$coalesce(value1, value2, ...)',
    'utility',
    'The first argument that is neither missing nor null.',
    '$coalesce(null, $json.missing, "default")',
    '"default"',
    (_, ...values) => values.find((v) => v !== undefined && v !== null),
  ),
];
