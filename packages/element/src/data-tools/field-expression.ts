/** The drag data type of a field dragged from the input view: its expression, without braces. */
export const FIELD_DRAG_TYPE = 'application/x-flowloom-expression';

// Words a path step cannot be written bare in (JSONata operators and literals, and `length`, which expressions refuse).
const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function', 'length']);

/**
 * The expression reading a field of the current item: `$json.address.city`,
 * `$json.tags[0]`, `$json["first name"]` (see docs/expressions.md).
 *
 * @example
 * fieldExpression(['address', 'city']); // '$json.address.city'
 * fieldExpression(['lines', 0, 'unit price']); // '$json.lines[0]["unit price"]'
 */
export function fieldExpression(path: readonly (string | number)[]): string {
  let out = '$json';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(step) && !RESERVED.has(step)) out += `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}

/**
 * The parameters with the value at a dot-separated path replaced (`fields.0.value`):
 * new objects and arrays along the path, the rest shared.
 */
export function withParameterAt(parameters: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  return setIn(parameters, head!, rest, value) as Record<string, unknown>;
}

function setIn(container: unknown, key: string, rest: string[], value: unknown): unknown {
  const inner = (c: unknown) => (c && typeof c === 'object' ? (c as Record<string, unknown>)[key] : undefined);
  const next = rest.length === 0 ? value : setIn(inner(container), rest[0]!, rest.slice(1), value);
  if (Array.isArray(container) && /^\d+$/.test(key)) {
    const copy = [...container];
    copy[Number(key)] = next;
    return copy;
  }
  const base = container && typeof container === 'object' && !Array.isArray(container) ? (container as Record<string, unknown>) : {};
  return { ...base, [key]: next };
}

/** The value at a dot-separated path of the parameters, if any. */
export function parameterAt(parameters: Record<string, unknown>, path: string): unknown {
  let value: unknown = parameters;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
