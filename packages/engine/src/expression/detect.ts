/** Whether a string holds a `{{ … }}` template (an unescaped `{{`). */
export function hasTemplate(value: string): boolean {
  let i = value.indexOf('{{');
  while (i !== -1) {
    if (i === 0 || value[i - 1] !== '\\') return true;
    i = value.indexOf('{{', i + 2);
  }
  return false;
}

/**
 * Whether a parameter string must go through the template resolver: it holds
 * a template, or an escaped `\{{`, which resolves to a literal `{{`.
 */
export function needsResolving(value: string): boolean {
  return value.includes('{{');
}

/** Whether any string inside a parameter value (deeply) must go through the resolver (see `needsResolving`). */
export function containsTemplate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return needsResolving(value);
  if (depth > 64 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => containsTemplate(v, depth + 1));
  for (const key in value) {
    if (containsTemplate((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}
