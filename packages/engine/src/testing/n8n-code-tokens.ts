// The tokens of the code and expressions of an n8n workflow, for following what they read (`n8n-code-reads.ts`).
import { tokenizeJs, type JsToken } from '../expression/javascript/js-tokens.js';

/** The sources of a template's `{{ }}` parts (strings and brackets respected), `js:` dropped. */
export function expressionParts(template: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open === -1) break;
    let depth = 0;
    let j = open + 2;
    let end = -1;
    for (; j < template.length; j++) {
      const c = template[j];
      if (c === '"' || c === "'" || c === '`') {
        j++;
        while (j < template.length && template[j] !== c) j += template[j] === '\\' ? 2 : 1;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0 && template[j + 1] === '}') {
          end = j;
          break;
        }
        depth--;
      }
    }
    if (end === -1) break;
    out.push(template.slice(open + 2, end).replace(/^\s*js:/, ''));
    i = end + 2;
  }
  return out;
}

/** The tokens of a source without comments, or undefined when it is not JavaScript. */
export function tokensOf(source: string): JsToken[] | undefined {
  try {
    return tokenizeJs(source).filter((t) => t.kind !== 'comment');
  } catch {
    return undefined;
  }
}

/** The text of a string token, or undefined. */
export function literal(t: JsToken | undefined): string | undefined {
  if (!t) return undefined;
  if (t.kind === 'string') return t.text.slice(1, -1);
  if (t.kind === 'template' && t.text.startsWith('`') && t.text.endsWith('`') && t.text.length > 1 && !t.text.includes('${'))
    return t.text.slice(1, -1);
  return undefined;
}
