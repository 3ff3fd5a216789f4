import { describe, expect, it } from 'vitest';
import { formatIssue, MAX_LISTED_ISSUES } from '../errors/workflow-validation.error.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import { coreNodeTypes } from '../nodes/core/index.js';
import { runCliWithFiles } from '../testing/run-cli-in-process.node.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { safeParseWorkflow } from './parse-workflow.js';

const registry = new NodeRegistry([...coreNodeTypes, ...testNodeTypes]);

function problems(doc: unknown): string[] {
  const result = safeParseWorkflow(doc, { nodeTypes: registry });
  return result.success ? [] : result.error.issues.map(formatIssue);
}

const trigger = (extra: Record<string, unknown> = {}) => ({ id: 'a', name: 'A', type: 'core.manualTrigger', ...extra });
const noOp = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id.toUpperCase(), type: 'core.noOp', ...extra });
const link = (from: string, to: string) => ({ from: { node: from, port: 'main' }, to: { node: to, port: 'main' } });

/** The document behind the example in docs/cli.md. */
const cliExample = {
  schemaVersion: 1,
  id: 'broken',
  nodes: [trigger({ position: { x: 'left', y: 0 } })],
  connections: [link('a', 'ghost')],
};

describe('validation reports schema and graph problems in one pass', () => {
  it('reports the bad position and the dangling connection of the docs/cli.md example together', async () => {
    const r = await runCliWithFiles({ 'broken.json': cliExample }, ['run', 'broken.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'flowloom: Workflow is not valid (2 problems):\n' +
        '  - nodes[0].position.x: node \'A\': expected a number, got "left"\n' +
        '  - connections[0].to.node: connection ends at node id "ghost", which is not in the workflow\n',
    );
  });

  it('reports duplicate ids beside a schema problem elsewhere', () => {
    const doc = { schemaVersion: 1, id: 'w', name: 7, nodes: [trigger(), noOp('b'), noOp('b', { name: 'Other' })] };
    expect(problems(doc)).toEqual([
      'name: expected a string, got 7',
      'nodes[2].id: node id "b" is already used by nodes[1]; node ids must be unique',
    ]);
  });

  it('takes a node the schema refused for present, so connections to it are not called dangling', () => {
    const doc = { schemaVersion: 1, id: 'w', nodes: [trigger(), noOp('b', { disabled: 'yes' })], connections: [link('a', 'b')] };
    expect(problems(doc)).toEqual(['nodes[1].disabled: node \'B\': expected true or false, got "yes"']);
  });

  it('checks the connections the schema accepted beside those it refused', () => {
    const doc = {
      schemaVersion: 1,
      id: 'w',
      nodes: [trigger(), noOp('b')],
      connections: [{ from: { node: 'a' } }, link('b', 'ghost'), link('a', 'b'), link('a', 'b')],
    };
    expect(problems(doc)).toEqual([
      'connections[0].from.port: is required (expected a string)',
      'connections[0].to: is required (expected an object)',
      'connections[1].to.node: connection ends at node id "ghost", which is not in the workflow',
      'connections[3]: the same connection appears twice; remove one',
    ]);
  });

  it('checks the type of a node the schema refused, and knows when no node is a trigger', () => {
    const doc = {
      schemaVersion: 1,
      id: 'w',
      nodes: [noOp('b', { position: { x: 0 } }), { id: 'c', name: 'C', type: 'acme.nothing', retry: { maxTries: 0 } }],
    };
    expect(problems(doc)).toEqual([
      "nodes[0].position.y: node 'B': is required (expected a number)",
      "nodes[1].retry.maxTries: node 'C': maxTries counts the first try too, so it is at least 1",
      "nodes[1].type: node 'C': unknown node type 'acme.nothing'; register it with createEngine({ nodeTypes }) or fix the type id",
    ]);
    const noTrigger = { schemaVersion: 1, id: 'w', nodes: [noOp('b', { position: { x: 'left', y: 0 } })] };
    expect(problems(noTrigger)).toEqual([
      'nodes[0].position.x: node \'B\': expected a number, got "left"',
      'nodes: the workflow has no trigger node, so a run has nowhere to start; add one such as Manual Trigger (core.manualTrigger)',
    ]);
  });

  it('reports pin data for a missing node beside a schema problem', () => {
    const doc = { schemaVersion: 2, id: 'w', nodes: [trigger()], pinData: { ghost: [{ json: {} }] } };
    expect(problems(doc)).toEqual([
      'schemaVersion: expected schemaVersion 1 (this engine reads version 1 documents)',
      'pinData.ghost: pin data for node id "ghost", which is not in the workflow',
    ]);
  });

  it('checks no connection against nodes when there is no list of nodes', () => {
    const doc = { schemaVersion: 1, id: 'w', nodes: 'a, b', connections: [link('a', 'b')], pinData: { a: [] } };
    expect(problems(doc)).toEqual(['nodes: expected an array, got "a, b"']);
  });
});

describe('a document with a great many problems', () => {
  const doc = {
    schemaVersion: 1,
    id: 'w',
    nodes: [trigger()],
    connections: Array.from({ length: 50_000 }, (_, i) => link('a', `ghost-${i}`)),
  };

  it('lists the first 100 in the message, then says how many more', () => {
    const result = safeParseWorkflow(doc);
    expect(result.success).toBe(false);
    if (result.success) return;
    const lines = result.error.message.split('\n');
    expect(lines[0]).toBe('Workflow is not valid (50,000 problems):');
    expect(lines).toHaveLength(1 + MAX_LISTED_ISSUES + 1);
    expect(lines[100]).toBe('  - connections[99].to.node: connection ends at node id "ghost-99", which is not in the workflow');
    expect(lines.at(-1)).toBe('  …and 49,900 more problems');
    expect(result.error.message.length).toBeLessThan(12_000);
  });

  it('keeps every problem in issues, and the first 100 with a count in its JSON form', () => {
    const result = safeParseWorkflow(doc);
    if (result.success) throw new Error('expected the document to be refused');
    expect(result.error.issues).toHaveLength(50_000);
    const json = result.error.toJSON();
    expect(json.details.issues).toHaveLength(MAX_LISTED_ISSUES);
    expect(json.details).toMatchObject({ moreIssues: 49_900 });
  });

  it('prints the capped list from the CLI', async () => {
    const r = await runCliWithFiles({ 'many.json': doc }, ['validate', 'many.json']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(MAX_LISTED_ISSUES);
    expect(r.stderr).toContain('  …and 49,900 more problems\n');
  });
});
