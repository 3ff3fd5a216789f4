import { NodeExecutionError } from '../errors/node-execution.error.js';
import { ExpressionError } from './expression.error.js';

/**
 * The error a node fails with when one of its parameter templates cannot be
 * resolved: it names the node, the parameter, the item and the character.
 * Not retryable: the same data gives the same error.
 */
export function parameterExpressionError(nodeName: string, itemIndex: number, error: unknown): unknown {
  if (!(error instanceof ExpressionError)) return error;
  const where = error.parameter ? `parameter '${error.parameter}'` : 'a parameter';
  const at = error.position !== undefined ? `, at character ${error.position + 1}` : '';
  const source = error.expression?.trim();
  const shown = source === undefined ? '' : ` Expression: {{${source.length > 200 ? `${source.slice(0, 200)}…` : error.expression}}}`;
  return new NodeExecutionError(`Node '${nodeName}': ${where} (item ${itemIndex}${at}): ${error.message}${shown}`, {
    code: error.code,
    retryable: false,
    cause: error,
    details: {
      itemIndex,
      ...(error.parameter !== undefined ? { parameter: error.parameter } : {}),
      ...(error.position !== undefined ? { position: error.position } : {}),
      ...(error.expression !== undefined ? { expression: error.expression } : {}),
    },
  });
}
