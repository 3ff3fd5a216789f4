import type { Item } from '@flowloom/engine';
import { jsonErrorOffset } from './json-error-offset.js';

/** What parsing pinned data gave: the items, or a sentence saying what is wrong and where. */
export type PinJsonResult = { ok: true; items: Item[] } | { ok: false; error: string };

/**
 * Reads the JSON a user typed as a node's pinned output: an array of objects
 * (each one item's JSON), or a single object (one item). Items written in
 * full (`{ "json": {...} }`) are taken as they are. Errors name the place:
 * the line and column of a syntax error, or the path of a wrong value.
 *
 * @example
 * parsePinJson('[{ "name": "Ada" }]'); // { ok: true, items: [{ json: { name: 'Ada' } }] }
 * parsePinJson('[1]'); // { ok: false, error: 'Item [0] must be an object, got the number 1.' }
 */
export function parsePinJson(text: string): PinJsonResult {
  if (text.trim() === '') return { ok: false, error: 'Pinned data is empty: write an array of objects, such as [{ "name": "Ada" }].' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: syntaxError(text, e) };
  }
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const items: Item[] = [];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    const path = Array.isArray(value) ? `[${i}]` : '(the object)';
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return { ok: false, error: `Item ${path} must be an object, got ${describe(entry)}.` };
    }
    if (isFullItem(entry)) {
      const json = entry.json;
      if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return { ok: false, error: `Item ${path}.json must be an object, got ${describe(json)}.` };
      }
      items.push(entry as Item);
    } else {
      items.push({ json: entry as Record<string, unknown> });
    }
  }
  return { ok: true, items };
}

/** Items as the JSON a user edits: each item's `json`. */
export function pinJsonText(items: readonly Item[]): string {
  return JSON.stringify(
    items.map((i) => i.json),
    null,
    2,
  );
}

/** An object written as a whole item: a `json` key, and no other key than an item has. */
function isFullItem(entry: object): entry is { json: unknown } {
  const keys = Object.keys(entry);
  return keys.includes('json') && keys.every((k) => k === 'json' || k === 'binary' || k === 'pairedItem');
}

/** A syntax error as a sentence with its line and column (found by `jsonErrorOffset`; the parser's message when it finds none). */
function syntaxError(text: string, error: unknown): string {
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return `Pinned data is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  const before = text.slice(0, offset).split('\n');
  const at = `line ${before.length}, column ${before.at(-1)!.length + 1}`;
  const found = text[offset];
  return found === undefined
    ? `Pinned data is not valid JSON at ${at}: the text ends too early (a missing ] or }?).`
    : `Pinned data is not valid JSON at ${at}: unexpected ${JSON.stringify(found)}.`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  return typeof value;
}
