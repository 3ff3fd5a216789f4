import { NodeExecutionError } from '../errors/node-execution.error.js';
import type { Item, PortItems } from '../model/item.js';
import { describeValue } from '../errors/describe-value.js';

/** Says what is wrong with a list of items, or undefined when it is a valid one. */
export function findItemProblem(value: unknown, label: string): string | undefined {
  if (!Array.isArray(value)) return `${label} must be an array of items, got ${describeValue(value)}`;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'object' || item === null) return `${label}[${i}] must be an item { json: {...} }, got ${describeValue(item)}`;
    const json = (item as { json?: unknown }).json;
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return `${label}[${i}].json must be an object, got ${describeValue(json)}`;
    }
  }
  return undefined;
}

function checked(value: unknown, port: string, nodeName: string): Item[] {
  const problem = findItemProblem(value, port);
  if (problem) throw invalid(nodeName, problem);
  return value as Item[];
}

function invalid(nodeName: string, message: string): NodeExecutionError {
  return new NodeExecutionError(`Node '${nodeName}' returned invalid output: ${message}.`, { code: 'OUTPUT_INVALID', retryable: false });
}

/**
 * Checks what `execute` returned and puts it in the per-port form: a plain
 * array is the first output's items; nothing means no items on any port.
 */
export function normalizeOutput(raw: unknown, ports: readonly string[], nodeName: string): PortItems {
  if (raw === undefined || raw === null) return {};
  const first = ports[0] ?? 'main';
  if (Array.isArray(raw)) return { [first]: checked(raw, first, nodeName) };
  if (typeof raw !== 'object') throw invalid(nodeName, `expected an array of items or items per port, got ${describeValue(raw)}`);
  const out: PortItems = {};
  for (const port of Object.keys(raw)) {
    if (!ports.includes(port)) {
      throw invalid(nodeName, `it has no output port '${port}' (its outputs: ${ports.map((p) => `'${p}'`).join(', ') || 'none'})`);
    }
    const items = (raw as Record<string, unknown>)[port];
    if (items !== undefined) out[port] = checked(items, port, nodeName);
  }
  return out;
}
