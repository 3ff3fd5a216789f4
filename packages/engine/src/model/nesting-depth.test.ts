import { describe, expect, it } from 'vitest';
import { formatIssue } from '../errors/workflow-validation.error.js';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { findTooDeep, MAX_NESTING_DEPTH } from './nesting-depth.js';
import { parseWorkflow, safeParseWorkflow } from './parse-workflow.js';

/** An object nesting `levels` objects, the outermost included: `{ d: { d: ... 'leaf' } }`. */
function nested(levels: number, key = 'd'): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { [key]: value };
  return value;
}

/** A valid workflow whose second node has the given parameters. */
function withParameters(parameters: Record<string, unknown>) {
  return buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'shape', name: 'Shape data', type: 'core.noOp', parameters },
    ],
    connections: [['start', 'shape']],
  });
}

function problems(doc: unknown): string[] {
  const result = safeParseWorkflow(doc);
  return result.success ? [] : result.error.issues.map(formatIssue);
}

describe('findTooDeep', () => {
  it('finds nothing in values within the limit, and counts the value itself as the first level', () => {
    expect(findTooDeep(nested(3), 3)).toBeUndefined();
    expect(findTooDeep('text', 0)).toBeUndefined();
    expect(findTooDeep([[1], { a: [2] }], 3)).toBeUndefined();
  });

  it('gives the path to the first object or array past the limit, in document order', () => {
    expect(findTooDeep(nested(4), 3)).toEqual(['d', 'd', 'd']);
    expect(findTooDeep({ a: 1, b: [[], { c: [[]] }], z: nested(9) }, 3)).toEqual(['b', 1, 'c']);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(findTooDeep(nested(100_000))).toHaveLength(MAX_NESTING_DEPTH);
  });

  it('takes a value that contains itself for too deep, and stops', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    loop.again = loop;
    expect(findTooDeep(loop, 10)).toEqual(Array(10).fill('self'));
  });

  it('looks into an object shared many times once per depth, not once per route', () => {
    let shared: Record<string, unknown> = { leaf: true };
    // 40 levels, each referring twice to the next: 2^40 routes, one object per level.
    for (let i = 0; i < 40; i++) shared = { left: shared, right: shared };
    expect(findTooDeep(shared)).toBeUndefined();
  });
});

describe('parseWorkflow: nesting depth', () => {
  it.each([3_000, 10_000])('refuses parameters nested %i levels deep, naming the node and the parameter', (levels) => {
    const doc = withParameters({ body: nested(levels) });
    const result = safeParseWorkflow(doc);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toHaveLength(1);
    const [issue] = result.error.issues;
    expect(issue).toMatchObject({
      code: 'too_deep',
      message:
        "node 'Shape data': parameter 'body' nests objects and arrays more than 64 levels deep; flatten it (a workflow document allows at most 64 levels)",
    });
    expect(issue!.path.slice(0, 4)).toEqual(['nodes', 1, 'parameters', 'body']);
    expect(issue!.path).toHaveLength(3 + MAX_NESTING_DEPTH);
  });

  it('accepts parameters nested exactly to the limit, which the memory adapter then stores', async () => {
    // `parameters` is the first level, so its `body` may nest one level fewer.
    const workflow = parseWorkflow(withParameters({ body: nested(MAX_NESTING_DEPTH - 1) }));
    const storage = createMemoryStorage();
    await storage.workflows.save('t1', workflow);
    expect(await storage.workflows.get('t1', workflow.id)).toEqual(workflow);
    expect(problems(withParameters({ body: nested(MAX_NESTING_DEPTH) }))[0]).toMatch(/parameter 'body' nests objects and arrays more/);
  });

  it('refuses parameters that contain themselves instead of hanging', () => {
    const parameters: Record<string, unknown> = {};
    parameters.again = parameters;
    expect(problems(withParameters(parameters))).toHaveLength(1);
  });

  it('refuses pin data and meta nested too deep, with their paths', () => {
    const doc = {
      ...withParameters({}),
      pinData: { shape: [{ json: { ok: true } }, { json: { deep: nested(200) } }] },
      meta: { editor: nested(70) },
    };
    const found = problems(doc);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(
      /^pinData\.shape\[1\]\.json\.deep\.d\.d.*: pin data item 1 of node id "shape" nests objects and arrays more than 64 levels deep/,
    );
    expect(found[1]).toMatch(/^meta\.editor\.d\.d.*: meta nests objects and arrays more than 64 levels deep/);
  });

  it('still reports the other problems of a document with deep parameters', () => {
    const doc = withParameters({ body: nested(5_000) }) as unknown as { nodes: Record<string, unknown>[]; connections: unknown[] };
    doc.nodes[0]!.position = { x: 'left', y: 0 };
    doc.connections.push({ from: { node: 'shape', port: 'main' }, to: { node: 'ghost', port: 'main' } });
    const result = safeParseWorkflow(doc);
    expect(result.success ? [] : result.error.issues.map((i) => [i.code, i.path.slice(0, 4)])).toEqual([
      ['invalid_type', ['nodes', 0, 'position', 'x']],
      ['too_deep', ['nodes', 1, 'parameters', 'body']],
      ['unknown_node', ['connections', 1, 'to', 'node']],
    ]);
  });
});
