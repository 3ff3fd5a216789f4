// The texts of the sample data that a workflow parses as JSON, made JSON of what it reads from the parsed value.
import type { Workflow } from '../model/workflow.js';
import { codeReadsOf, EACH, PARSED, parsedKey, type Key } from './n8n-code-reads.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The texts parsed as JSON (`text.parseJson()`, `JSON.parse(text)`) that
 * something is read from afterwards: an API answering with JSON text (an AI
 * model asked for JSON) sends JSON of what the workflow reads from it, so
 * each becomes JSON text of the value read (collected under `parsedKey`), or
 * of the field an Edit Fields node sets to the parsed value (`coords` set to
 * `{{ $json.text.parseJson() }}`, read as `$json.coords[0].x` later).
 */
export function setParsedTexts(root: Record<string, unknown>, workflow: Workflow, parsed: readonly Key[][]): void {
  const fieldsOf = new Map<string, { name: string; type?: string }[]>();
  for (const node of workflow.nodes) {
    if (node.type !== 'core.set' || !Array.isArray(node.parameters.fields)) continue;
    for (const field of node.parameters.fields as { name?: unknown; type?: string; value?: unknown }[]) {
      if (typeof field.name !== 'string' || typeof field.value !== 'string' || !field.value.includes('parse')) continue;
      for (const path of codeReadsOf(field.value).result) {
        const key = String(path[0]);
        if (path.length === 1 && key.startsWith(PARSED))
          fieldsOf.set(key, [...(fieldsOf.get(key) ?? []), { name: field.name, type: field.type }]);
      }
    }
  }
  for (const source of parsed) {
    const key = parsedKey(source);
    const fields = fieldsOf.get(key) ?? [];
    const set = fields.map((f) => root[f.name]).find((v) => Array.isArray(v) || isObject(v));
    let value = set ?? root[key];
    if (value === undefined && fields.length === 0) continue;
    if (fields.some((f) => f.type === 'array') && !Array.isArray(value)) value = value === undefined ? [] : [value];
    setEvery(root, source, JSON.stringify(value ?? {}));
  }
  for (const key of Object.keys(root)) if (key.startsWith(PARSED)) delete root[key];
}

/** Sets the value at a path the sample holds the containers of, in every element where the path says `EACH`. */
function setEvery(container: unknown, path: readonly Key[], value: unknown): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (key === EACH) {
    if (!Array.isArray(container)) return;
    for (const [i, e] of container.entries()) {
      if (rest.length === 0) container[i] = value;
      else setEvery(e, rest, value);
    }
    return;
  }
  if (!Array.isArray(container) && !isObject(container)) return;
  const fields = container as Record<Key, unknown>;
  if (rest.length === 0) fields[key] = value;
  else setEvery(fields[key], rest, value);
}
