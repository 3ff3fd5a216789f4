import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item, PairedItem } from '../../../model/item.js';
import type { CodeMode } from '../../../code-sandbox/protocol.js';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wrongShape(nodeName: string, problem: string): NodeExecutionError {
  return new NodeExecutionError(
    `Code node '${nodeName}' returned ${problem}. Return an array of objects (or of { json } items), one object, or nothing.`,
    { code: 'CODE_OUTPUT_INVALID', retryable: false },
  );
}

/** Keys an item may have beside `json`. */
const ITEM_KEYS = new Set(['json', 'binary', 'pairedItem']);

/** `pairedItem` as n8n code writes it: an index, `{ item, input? }`, or a list of those; anything else is dropped. */
function pairedItemOf(value: unknown): Item['pairedItem'] {
  const one = (v: unknown): PairedItem | undefined => {
    if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? { item: v } : undefined;
    if (!isPlainObject(v) || typeof v.item !== 'number' || !Number.isInteger(v.item) || v.item < 0) return undefined;
    return typeof v.input === 'number' && Number.isInteger(v.input) && v.input >= 0 ? { item: v.item, input: v.input } : { item: v.item };
  };
  if (!Array.isArray(value)) return one(value);
  const list = value.map(one);
  return list.every((p) => p !== undefined) && list.length > 0 ? (list as PairedItem[]) : undefined;
}

/**
 * One returned value as an item: an object with `json` is an item (`json`
 * must be an object, and only `binary` and `pairedItem` may stand beside
 * it, as n8n requires); any other object becomes `{ json: value }`.
 */
function toItem(value: unknown, where: string, nodeName: string, pairedWith: number | undefined): Item {
  if (!isPlainObject(value)) throw wrongShape(nodeName, `${kindOf(value)} ${where}`);
  let item: Item;
  if ('json' in value) {
    const at = where ? ` ${where}` : '';
    if (!isPlainObject(value.json))
      throw wrongShape(nodeName, `an item whose 'json'${at} is ${kindOf(value.json)}; an item's json must be an object`);
    const extra = Object.keys(value).find((key) => !ITEM_KEYS.has(key));
    if (extra !== undefined) {
      throw new NodeExecutionError(
        `Code node '${nodeName}' returned an item with the key '${extra}'${at} beside 'json'. An item holds its data under json ({ json: { ${extra}: … } }); only binary and pairedItem may stand beside it.`,
        { code: 'CODE_OUTPUT_INVALID', retryable: false },
      );
    }
    item = { json: value.json };
    if (isPlainObject(value.binary)) item.binary = value.binary as Item['binary'];
    const paired = pairedItemOf(value.pairedItem);
    if (paired !== undefined) item.pairedItem = paired;
  } else {
    item = { json: value };
  }
  if (item.pairedItem === undefined && pairedWith !== undefined) item.pairedItem = { item: pairedWith };
  return item;
}

/**
 * Turns what the user's code returned (already parsed from the JSON text the
 * sandbox produced, so it holds only plain data) into items. In `allItems`
 * mode the value is the code's return value; in `eachItem` mode it is the
 * list of per-item return values, `null` where the code returned nothing.
 */
export function normalizeCodeOutput(value: unknown, mode: CodeMode, nodeName: string): Item[] {
  if (mode === 'eachItem') {
    if (!Array.isArray(value)) throw wrongShape(nodeName, kindOf(value));
    const out: Item[] = [];
    value.forEach((one: unknown, i) => {
      if (one === null) return;
      if (Array.isArray(one)) {
        throw wrongShape(nodeName, `an array for item ${i}; in 'once for each item' mode the code returns one object per item`);
      }
      out.push(toItem(one, `for item ${i}`, nodeName, i));
    });
    return out;
  }
  if (value === null) return [];
  if (Array.isArray(value)) return value.map((one: unknown, i) => toItem(one, `at index ${i}`, nodeName, undefined));
  if (isPlainObject(value)) return [toItem(value, '', nodeName, undefined)];
  throw wrongShape(nodeName, kindOf(value));
}
