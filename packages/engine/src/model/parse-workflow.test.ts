import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkflowValidationError, formatIssue, type ValidationIssue } from '../errors/workflow-validation.error.js';
import { defineNode } from '../nodes/define-node.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import { coreNodeTypes } from '../nodes/core/index.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { parseWorkflow, safeParseWorkflow } from './parse-workflow.js';

const registry = new NodeRegistry([...coreNodeTypes, ...testNodeTypes]);

/** The issues a document produces, as `path: message` lines. */
function problems(doc: unknown, withRegistry = true): string[] {
  const result = safeParseWorkflow(doc, withRegistry ? { nodeTypes: registry } : {});
  if (result.success) return [];
  expect(result.error).toBeInstanceOf(WorkflowValidationError);
  return result.error.issues.map(formatIssue);
}

function issues(doc: unknown): ValidationIssue[] {
  const result = safeParseWorkflow(doc, { nodeTypes: registry });
  return result.success ? [] : [...result.error.issues];
}

const valid = () =>
  buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'a', type: 'core.noOp' },
    ],
    connections: [['start', 'a']],
  });

describe('parseWorkflow: the schema', () => {
  it('accepts a valid document and returns it typed', () => {
    const wf = parseWorkflow(valid(), { nodeTypes: registry });
    expect(wf.nodes.map((n) => n.id)).toEqual(['start', 'a']);
    expect(wf.connections[0]).toEqual({ from: { node: 'start', port: 'main' }, to: { node: 'a', port: 'main' } });
  });

  it('fills in the defaults a hand-written document leaves out', () => {
    const wf = parseWorkflow({
      schemaVersion: 1,
      id: 'w',
      nodes: [{ id: 't', name: 'Start', type: 'core.manualTrigger' }],
    });
    expect(wf.name).toBe('');
    expect(wf.connections).toEqual([]);
    expect(wf.settings).toEqual({});
    expect(wf.nodes[0]).toMatchObject({ typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} });
  });

  it('rejects a value that is not an object', () => {
    expect(problems([])).toEqual(['(document): expected a workflow object, got an empty array']);
    expect(problems('{"a":1}')).toEqual(['(document): expected a workflow object, got "{\\"a\\":1}"']);
    expect(problems(null)).toEqual(['(document): expected a workflow object, got null']);
  });

  it('lists every missing required field, not only the first', () => {
    expect(problems({})).toEqual([
      'schemaVersion: expected schemaVersion 1 (this engine reads version 1 documents)',
      'id: is required (expected a string)',
      'nodes: is required (expected an array)',
    ]);
  });

  it('names the node and the field when a node property has the wrong type', () => {
    const doc = valid() as unknown as { nodes: Record<string, unknown>[] };
    doc.nodes[1]!.position = { x: 'left', y: 0 };
    doc.nodes[1]!.disabled = 'yes';
    expect(problems(doc)).toEqual([
      'nodes[1].position.x: node \'a\': expected a number, got "left"',
      'nodes[1].disabled: node \'a\': expected true or false, got "yes"',
    ]);
  });

  it('refuses unknown properties so typos are caught', () => {
    const doc = { ...valid(), conections: [] };
    expect(problems(doc)).toEqual(['(document): unknown property "conections": remove it or check its spelling']);
  });

  it('refuses an onError mode that does not exist', () => {
    const doc = valid();
    (doc.nodes[1] as Record<string, unknown>).onError = 'ignore';
    expect(problems(doc)).toEqual([`nodes[1].onError: node 'a': expected one of "stop", "continue", "errorOutput", got "ignore"`]);
  });

  it('refuses a retry with fewer than one try', () => {
    const doc = valid();
    doc.nodes[1]!.retry = { maxTries: 0, waitMs: 0 };
    expect(problems(doc)[0]).toMatch(/^nodes\[1\]\.retry\.maxTries: node 'a': maxTries counts the first try too/);
  });

  it('refuses an empty node name', () => {
    const doc = valid();
    doc.nodes[1]!.name = '   ';
    expect(problems(doc)).toEqual(['nodes[1].name: a node name must not be empty']);
  });

  it('checks pinned items have the item shape', () => {
    const doc = { ...valid(), pinData: { a: [{ json: 'nope' }] } };
    expect(problems(doc)).toEqual(['pinData.a[0].json: expected an object, got "nope"']);
  });

  it('puts the whole list in the error message for people reading logs', () => {
    const result = safeParseWorkflow({ schemaVersion: 1, id: 7, nodes: 'x' });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.message).toBe(
        'Workflow is not valid (2 problems):\n  - id: expected a string, got 7\n  - nodes: expected an array, got "x"',
      );
      expect(result.error.code).toBe('WORKFLOW_INVALID');
    }
  });

  it('throws the validation error from parseWorkflow', () => {
    expect(() => parseWorkflow({})).toThrow(WorkflowValidationError);
  });
});

describe('parseWorkflow: graph checks', () => {
  it('rejects duplicate node ids', () => {
    const doc = valid();
    doc.nodes.push({ ...doc.nodes[1]!, name: 'other' });
    expect(issues(doc).map((i) => [i.code, formatIssue(i)])).toContainEqual([
      'duplicate_id',
      'nodes[2].id: node id "a" is already used by nodes[1]; node ids must be unique',
    ]);
  });

  it('rejects duplicate node names, since expressions find nodes by name', () => {
    const doc = valid();
    doc.nodes.push({ ...doc.nodes[1]!, id: 'b' });
    expect(problems(doc)).toEqual([
      'nodes[2].name: node name "a" is already used by nodes[1]; expressions find nodes by name, so names must be unique',
    ]);
  });

  it('rejects connections to node ids that are not in the workflow', () => {
    const doc = valid();
    doc.connections.push({ from: { node: 'a', port: 'main' }, to: { node: 'ghost', port: 'main' } });
    expect(problems(doc)).toEqual(['connections[1].to.node: connection ends at node id "ghost", which is not in the workflow']);
  });

  it('rejects an output port the node type does not have, listing the ones it has', () => {
    const doc = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'p', type: 'test.parity' },
        { id: 'x', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'p'],
        ['p:main', 'x'],
      ],
    });
    expect(problems(doc)).toEqual([
      `connections[1].from.port: node 'p' (test.parity) has no output port "main" (its outputs: "even", "odd")`,
    ]);
  });

  it('rejects an input port the node type does not have', () => {
    const doc = valid();
    doc.connections[0]!.to.port = 'input2';
    expect(problems(doc)).toEqual([`connections[0].to.port: node 'a' (core.noOp) has no input port "input2" (its inputs: "main")`]);
  });

  it('rejects connections into a trigger', () => {
    const doc = valid();
    doc.connections.push({ from: { node: 'a', port: 'main' }, to: { node: 'start', port: 'main' } });
    expect(problems(doc)).toEqual([
      `connections[1].to.port: node 'start' is a trigger (core.manualTrigger) and cannot receive connections`,
    ]);
  });

  it("offers the error port only to nodes whose onError is 'errorOutput'", () => {
    const doc = valid();
    doc.nodes.push({ ...doc.nodes[1]!, id: 'b', name: 'b' });
    doc.connections.push({ from: { node: 'a', port: 'error' }, to: { node: 'b', port: 'main' } });
    expect(problems(doc)).toEqual([
      `connections[1].from.port: node 'a' (core.noOp) has no output port "error" (its outputs: "main"); set the node's onError to 'errorOutput' to get an error port`,
    ]);
    doc.nodes[1]!.onError = 'errorOutput';
    expect(problems(doc)).toEqual([]);
  });

  it('rejects a cycle that passes through no loop node, naming its route', () => {
    const doc = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'a', type: 'core.noOp' },
        { id: 'b', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'a'],
        ['a', 'b'],
        ['b', 'a'],
      ],
    });
    expect(issues(doc)).toEqual([
      {
        code: 'cycle',
        path: ['connections', 2],
        message:
          "connections form a cycle ('a' -> 'b' -> 'a') that passes through no loop node; loop with a Loop Over Items node or remove this connection",
      },
    ]);
  });

  it('accepts a cycle through a loop node', () => {
    const doc = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'loop', type: 'test.countLoop' },
        { id: 'body', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'loop'],
        ['loop:loop', 'body'],
        ['body', 'loop'],
      ],
    });
    expect(problems(doc)).toEqual([]);
  });

  it('rejects a self-loop on an ordinary node', () => {
    const doc = valid();
    doc.connections.push({ from: { node: 'a', port: 'main' }, to: { node: 'a', port: 'main' } });
    expect(problems(doc)).toEqual([
      "connections[1]: connections form a cycle ('a' -> 'a') that passes through no loop node; loop with a Loop Over Items node or remove this connection",
    ]);
  });

  it('rejects a workflow with no trigger', () => {
    const doc = buildWorkflow({ nodes: [{ id: 'a', type: 'core.noOp' }] });
    expect(problems(doc)).toEqual([
      'nodes: the workflow has no trigger node, so a run has nowhere to start; add one such as Manual Trigger (core.manualTrigger)',
    ]);
  });

  it('rejects the same connection written twice', () => {
    const doc = valid();
    doc.connections.push(structuredClone(doc.connections[0]!));
    expect(problems(doc)).toEqual(['connections[1]: the same connection appears twice; remove one']);
  });

  it('rejects pin data for a node that is not there', () => {
    const doc = { ...valid(), pinData: { ghost: [{ json: {} }] } };
    expect(problems(doc)).toEqual(['pinData.ghost: pin data for node id "ghost", which is not in the workflow']);
  });

  it('reports every problem of a broken graph at once', () => {
    const doc = valid();
    doc.nodes.push({ ...doc.nodes[1]!, name: 'a2' });
    doc.connections.push({ from: { node: 'nowhere', port: 'main' }, to: { node: 'a', port: 'in' } });
    expect(issues(doc).map((i) => i.code)).toEqual(['duplicate_id', 'unknown_node', 'unknown_port']);
  });
});

describe('parseWorkflow: node types', () => {
  it('rejects an unknown node type when the registry is given', () => {
    const doc = valid();
    doc.nodes[1]!.type = 'acme.nothing';
    expect(problems(doc)).toEqual([
      "nodes[1].type: node 'a': unknown node type 'acme.nothing'; register it with createEngine({ nodeTypes }) or fix the type id",
    ]);
  });

  it('checks only the shape and the graph without a registry: types, ports, parameters, cycles and the trigger are left out', () => {
    const doc = buildWorkflow({
      nodes: [
        { id: 'a', type: 'acme.custom' },
        { id: 'b', type: 'core.noOp', typeVersion: 9, parameters: { anything: 1 } },
      ],
      connections: [
        ['a:nope', 'b'],
        ['b', 'a'],
      ],
    });
    expect(problems(doc, false)).toEqual([]);
    doc.connections.push({ from: { node: 'a', port: 'main' }, to: { node: 'gone', port: 'main' } });
    expect(problems(doc, false)).toEqual([`connections[2].to.node: connection ends at node id "gone", which is not in the workflow`]);
  });

  it('rejects a type version that is not registered', () => {
    const doc = valid();
    doc.nodes[1]!.typeVersion = 3;
    expect(problems(doc)).toEqual(["nodes[1].typeVersion: node 'a': type 'core.noOp' has no version 3 (available: 1)"]);
  });

  it('checks literal parameter values against the node type, naming node and parameter', () => {
    const doc = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'wait', name: 'Wait a bit', type: 'test.sleep', parameters: { ms: 'soon' } },
      ],
      connections: [['start', 'wait']],
    });
    expect(problems(doc)).toEqual(["nodes[1].parameters.ms: node 'Wait a bit' (Sleep): parameter 'ms' expected a number, got \"soon\""]);
  });

  it('leaves parameters written as expressions to be checked when they run', () => {
    const doc = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'wait', type: 'test.sleep', parameters: { ms: '{{ $json.delay }}' } },
      ],
      connections: [['start', 'wait']],
    });
    expect(problems(doc)).toEqual([]);
  });

  it('checks a noExpression parameter holding braces as the literal value it is', () => {
    const counter = defineNode({
      type: 'test.counter',
      version: 1,
      displayName: 'Counter',
      group: 'utility',
      inputs: ['main'],
      outputs: ['main'],
      properties: z.object({
        every: z.number().meta({ noExpression: true }),
        options: z.object({ step: z.number().meta({ noExpression: true }), label: z.string() }).optional(),
      }),
      execute: () => [],
    });
    const doc = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'count', type: 'test.counter', parameters: { every: '{{ 5 }}', options: { step: '{{ 1 }}', label: '{{ 1 }}' } } },
      ],
      connections: [['start', 'count']],
    });
    const result = safeParseWorkflow(doc, { nodeTypes: new NodeRegistry([...coreNodeTypes, counter]) });
    expect(result.success ? [] : result.error.issues.map(formatIssue)).toEqual([
      "nodes[1].parameters.every: node 'count' (Counter): parameter 'every' expected a number, got \"{{ 5 }}\" ({{ }} is text here: this parameter takes no expressions)",
      "nodes[1].parameters.options.step: node 'count' (Counter): parameter 'options.step' expected a number, got \"{{ 1 }}\" ({{ }} is text here: this parameter takes no expressions)",
    ]);
  });

  it('computes output ports from parameters for types whose outputs depend on them', () => {
    const router = defineNode({
      type: 'test.router',
      version: 1,
      displayName: 'Router',
      group: 'flow',
      inputs: ['main'],
      outputs: (p) => (Array.isArray(p.routes) ? p.routes.map(String) : []),
      properties: z.object({ routes: z.array(z.string()) }),
      execute: () => [],
    });
    const reg = new NodeRegistry([...coreNodeTypes, router]);
    const doc = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'r', type: 'test.router', parameters: { routes: ['vip', 'rest'] } },
        { id: 'x', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'r'],
        ['r:vip', 'x'],
      ],
    });
    expect(safeParseWorkflow(doc, { nodeTypes: reg }).success).toBe(true);
    doc.connections[1]!.from.port = 'gold';
    expect(safeParseWorkflow(doc, { nodeTypes: reg }).success).toBe(false);
  });
});

describe('parseWorkflow: hostile documents', () => {
  it('does not let a __proto__ key in parameters change any prototype', () => {
    const json = `{"schemaVersion":1,"id":"w","nodes":[{"id":"t","name":"t","type":"core.manualTrigger","parameters":{"__proto__":{"polluted":true}}}]}`;
    const wf = parseWorkflow(JSON.parse(json));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(wf.nodes[0]!.parameters)).toBe(Object.prototype);
    expect((wf.nodes[0]!.parameters as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a deeply nested parameter value with an issue, without overflowing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    const doc = valid();
    doc.nodes[1]!.parameters = { deep };
    expect(issues(doc).map((i) => i.code)).toEqual(['too_deep']);
  });
});
