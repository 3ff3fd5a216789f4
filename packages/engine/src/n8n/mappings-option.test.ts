// The `mappings` option: a node package maps n8n nodes of its own to its node types, without the engine knowing them.
import { describe, expect, it } from 'vitest';
import { defineNode } from '../nodes/define-node.js';
import { importN8nWorkflow, type ImportN8nOptions } from './import-workflow.js';
import type { NodeMapping } from './mappers/mapping.js';

const notify = defineNode({
  type: 'acme.notify',
  version: 1,
  displayName: 'Acme notify',
  group: 'integration',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'acmeApi', type: 'acmeApi', required: false }],
  execute: (ctx) => ctx.input(),
});
const hook = defineNode({
  type: 'acme.hook',
  version: 1,
  displayName: 'Acme hook',
  group: 'trigger',
  inputs: [],
  outputs: ['main'],
  execute: () => [],
});

const mappings: Record<string, NodeMapping> = {
  'n8n-nodes-base.acme': {
    versions: [1, 2],
    map: (ctx) => ({
      type: 'acme.notify',
      parameters: { channel: ctx.value('channel'), text: ctx.value('text', undefined, { asText: true }) },
      credential: { slot: 'acmeApi', n8nType: 'acmeApi' },
    }),
  },
  'n8n-nodes-base.acmeTrigger': {
    versions: [1],
    map: (ctx) => ({ type: 'acme.hook', parameters: { event: ctx.literal('event', 'string') } }),
  },
};

/** An n8n workflow: `first` (a trigger or a node), then an Acme node. */
const n8nDoc = (first: Record<string, unknown>, acme: Record<string, unknown> = {}) => ({
  name: 'Acme',
  nodes: [
    { id: 'a', position: [0, 0], ...first },
    {
      id: 'b',
      name: 'Notify',
      type: 'n8n-nodes-base.acme',
      typeVersion: 2,
      position: [200, 0],
      parameters: { channel: 'ops', text: '=Hi {{ $json.name }}', ...acme },
      credentials: { acmeApi: { id: 'cred-1', name: 'Acme' } },
    },
  ],
  connections: { [String(first.name)]: { main: [[{ node: 'Notify', type: 'main', index: 0 }]] } },
});
const manual = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
const withAcme: ImportN8nOptions = { mappings, nodeTypes: [notify, hook] };

describe('importN8nWorkflow with mappings of more node types', () => {
  it('keeps a node of a type no mapping knows as a placeholder', () => {
    const { report } = importN8nWorkflow(n8nDoc(manual));
    expect(report.placeholders).toMatchObject([{ node: 'Notify', cause: 'type' }]);
  });

  it("maps it with the package's mapping, its credential in the slot, and the workflow validates against its node types", () => {
    const { workflow, report } = importN8nWorkflow(n8nDoc(manual), withAcme);
    expect(report.status).toBe('imported');
    expect(report.mapped.map((m) => m.flowloomType)).toEqual(['core.manualTrigger', 'acme.notify']);
    expect(workflow?.nodes[1]).toMatchObject({
      type: 'acme.notify',
      parameters: { channel: 'ops', text: 'Hi {{js: $json.name }}' },
      credentials: { acmeApi: 'cred-1' },
    });
    expect(report.credentials).toMatchObject([{ node: 'Notify', n8nType: 'acmeApi' }]);
  });

  it('keeps a parameter the mapping does not read as a placeholder naming it', () => {
    const { report } = importN8nWorkflow(n8nDoc(manual, { unfurl: true }), withAcme);
    expect(report.placeholders).toMatchObject([{ node: 'Notify', cause: 'parameters', parameter: 'unfurl' }]);
  });

  it('keeps the node a placeholder, saying why, when the node type it maps to is not given', () => {
    const { workflow, report } = importN8nWorkflow(n8nDoc(manual), { mappings });
    expect(workflow).toBeDefined();
    expect(report.placeholders).toHaveLength(1);
    expect(report.placeholders[0]!.reason).toContain("unknown node type 'acme.notify'");
  });

  it('adds no Manual Trigger before a trigger a mapping makes', () => {
    const trigger = { name: 'On event', type: 'n8n-nodes-base.acmeTrigger', typeVersion: 1, parameters: { event: 'created' } };
    const { workflow, report } = importN8nWorkflow(n8nDoc(trigger), withAcme);
    expect(report.problems.map((p) => p.code)).not.toContain('no-trigger');
    expect(workflow?.nodes.map((n) => n.type)).toEqual(['acme.hook', 'acme.notify']);
  });

  it('refuses options it does not know, naming them', () => {
    expect(() => importN8nWorkflow(n8nDoc(manual), { mapping: mappings } as ImportN8nOptions)).toThrow(/mapping/);
  });
});
