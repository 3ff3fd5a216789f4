import type { VariableType } from '@flowloom/engine';

/** The text a variable's value is edited as: text as is, numbers and booleans as written, JSON indented. */
export function valueText(value: unknown, type: VariableType): string {
  if (type === 'string' && typeof value === 'string') return value;
  if (type === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

/** A value as one line of a list. */
export function valueSummary(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Why typed text is not a value of the type (the key of the sentence to show), or the value. */
export function parseValue(
  text: string,
  type: VariableType,
): { value: unknown } | { problem: 'variables.invalidNumber' } | { problem: 'variables.invalidJson'; message: string } {
  switch (type) {
    case 'string':
      return { value: text };
    case 'boolean':
      return { value: text === 'true' };
    case 'number': {
      const n = Number(text);
      return text.trim() === '' || !Number.isFinite(n) ? { problem: 'variables.invalidNumber' } : { value: n };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch (error) {
        return { problem: 'variables.invalidJson', message: (error as Error).message };
      }
  }
}

/** The type a value is stored with, when none is asked for (as the engine decides). */
export function typeOfValue(value: unknown): VariableType {
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'json';
}
