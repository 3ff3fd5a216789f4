/**
 * Whether a string holds a `{{ … }}` template (an unescaped `{{`). The marker
 * is part of the document format: the workflow checks leave such parameter
 * values to run time, where the expression resolver evaluates them.
 */
export function hasTemplate(value: string): boolean {
  let i = value.indexOf('{{');
  while (i !== -1) {
    if (i === 0 || value[i - 1] !== '\\') return true;
    i = value.indexOf('{{', i + 2);
  }
  return false;
}
