import { NodeExecutionError } from '../../../errors/node-execution.error.js';

/**
 * An error about one of a node's parameters, for values that only turn out
 * wrong while running (a field missing from an item, a value of the wrong
 * type). The message names the node, the parameter and, when given, the item.
 */
export function parameterError(nodeName: string, parameter: string, problem: string, itemIndex?: number): NodeExecutionError {
  const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
  return new NodeExecutionError(`Node '${nodeName}': parameter '${parameter}' ${problem}${where}.`, {
    code: 'PARAMETER_INVALID',
    retryable: false,
    details: { parameter, ...(itemIndex === undefined ? {} : { itemIndex }) },
  });
}

/** Describes a value for an error message: its type and a short preview. */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
