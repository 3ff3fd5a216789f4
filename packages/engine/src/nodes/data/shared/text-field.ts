import type { Item } from '../../../model/item.js';
import { getPath } from './field-path.js';
import { parameterError, preview } from './node-error.js';

/**
 * The text an item holds at the dot path a parameter names. Fails naming the
 * node, the parameter and the item when the field is missing or holds
 * anything but a string; `kind` says what text was expected (`XML`, `HTML`).
 */
export function readTextField(nodeName: string, parameter: string, item: Item, path: string, kind: string, itemIndex: number): string {
  const value = getPath(item.json, path);
  if (typeof value !== 'string') {
    throw parameterError(nodeName, parameter, `names '${path}', which holds ${preview(value)}, not ${kind} text`, itemIndex);
  }
  return value;
}
