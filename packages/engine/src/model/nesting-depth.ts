import type { ValidationIssue } from '../errors/workflow-validation.error.js';

/**
 * How deeply objects and arrays may nest in the free-form JSON of a workflow
 * document: node `parameters`, pin data items' `json` and `meta`, counting
 * the field's own object as the first level. Real workflows stay far below
 * it (the deepest parameters among 400 n8n workflows nest 8 levels); what
 * goes beyond it would overflow the stack of code that walks it (copying,
 * storing, comparing), so validation refuses it instead.
 */
export const MAX_NESTING_DEPTH = 64;

interface Frame {
  value: object;
  depth: number;
  key: string | number;
  parent: Frame | undefined;
}

function pathOf(frame: Frame): (string | number)[] {
  const path: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) path.push(f.key);
  return path.reverse();
}

/**
 * The path, from `value`, to the first object or array nested deeper than
 * `limit` levels (`value` itself is level 1), or undefined when there is
 * none. Iterative, so it cannot overflow the stack itself; a value that
 * contains itself counts as too deep.
 */
export function findTooDeep(value: unknown, limit = MAX_NESTING_DEPTH): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Frame[] = [{ value, depth: 1, key: '', parent: undefined }];
  // An object reached twice (an in-memory document may share one) is looked into again only when reached
  // deeper than before, so shared objects cannot make the walk exponential.
  const deepestSeen = new Map<object, number>();
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > limit) return pathOf(frame);
    if ((deepestSeen.get(frame.value) ?? 0) >= frame.depth) continue;
    deepestSeen.set(frame.value, frame.depth);
    // Pushed in reverse so the first member is looked at first, and the first path found is in document order.
    if (Array.isArray(frame.value)) {
      const list = frame.value as unknown[];
      for (let i = list.length - 1; i >= 0; i--) {
        const child = list[i];
        if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: frame.depth + 1, key: i, parent: frame });
      }
    } else {
      const record = frame.value as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = keys.length - 1; i >= 0; i--) {
        const child = record[keys[i]!];
        if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: frame.depth + 1, key: keys[i]!, parent: frame });
      }
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the nesting check found: its issues, and the nodes whose parameters are too deep to check further. */
export interface NestingReport {
  issues: ValidationIssue[];
  deepNodes: Set<number>;
}

/**
 * Checks the nesting depth of every free-form part of a document as given
 * (before the schema, which does not look inside them): each node's
 * `parameters`, each pin data item's `json`, and `meta`.
 */
export function checkNesting(doc: Record<string, unknown>, limit = MAX_NESTING_DEPTH): NestingReport {
  const report: NestingReport = { issues: [], deepNodes: new Set() };
  const tooDeep = (where: string) =>
    `${where} nests objects and arrays more than ${limit} levels deep; flatten it (a workflow document allows at most ${limit} levels)`;
  if (Array.isArray(doc.nodes)) {
    doc.nodes.forEach((node: unknown, i) => {
      if (!isObject(node)) return;
      const found = findTooDeep(node.parameters, limit);
      if (!found) return;
      report.deepNodes.add(i);
      const name = typeof node.name === 'string' && node.name.trim() ? `node '${node.name}'` : `nodes[${i}]`;
      const parameter = found.length > 0 ? `parameter '${String(found[0])}'` : 'its parameters';
      report.issues.push({
        code: 'too_deep',
        path: ['nodes', i, 'parameters', ...found],
        message: `${name}: ${tooDeep(parameter)}`,
      });
    });
  }
  if (isObject(doc.pinData)) {
    for (const [nodeId, items] of Object.entries(doc.pinData)) {
      if (!Array.isArray(items)) continue;
      items.forEach((item: unknown, i) => {
        const found = isObject(item) ? findTooDeep(item.json, limit) : undefined;
        if (found) {
          report.issues.push({
            code: 'too_deep',
            path: ['pinData', nodeId, i, 'json', ...found],
            message: tooDeep(`pin data item ${i} of node id ${JSON.stringify(nodeId)}`),
          });
        }
      });
    }
  }
  const found = findTooDeep(doc.meta, limit);
  if (found) report.issues.push({ code: 'too_deep', path: ['meta', ...found], message: tooDeep('meta') });
  return report;
}
