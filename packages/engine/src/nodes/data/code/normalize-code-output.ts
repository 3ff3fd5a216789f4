import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
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

/** One returned value as an item: `{ json, binary?, pairedItem? }` kept, any other object becomes `{ json: value }`. */
function toItem(value: unknown, where: string, nodeName: string, pairedWith: number | undefined): Item {
  if (!isPlainObject(value)) throw wrongShape(nodeName, `${kindOf(value)} ${where}`);
  let item: Item;
  if (isPlainObject(value.json)) {
    item = { json: value.json };
    if (isPlainObject(value.binary)) item.binary = value.binary as Item['binary'];
    const paired = value.pairedItem;
    if (isPlainObject(paired) && typeof paired.item === 'number') item.pairedItem = paired as Item['pairedItem'];
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
