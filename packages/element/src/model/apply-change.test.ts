import type { Workflow } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok } from '../testing/assert.js';
import { applyChange, checkChange } from './apply-change.js';
import type { WorkflowChange } from './changes.js';

const base = (): Workflow =>
  buildWorkflow({
    nodes: [
      { id: 'a', name: 'A', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      { id: 'b', name: 'B', type: 'core.noOp', position: { x: 300, y: 0 } },
    ],
    connections: [['a', 'b']],
  });

describe('applyChange', () => {
  const changes: [string, WorkflowChange][] = [
    [
      'addNodes',
      {
        type: 'addNodes',
        nodes: [{ id: 'c', name: 'C', type: 'core.noOp', typeVersion: 1, position: { x: 1, y: 2 }, parameters: {} }],
        connections: [],
      },
    ],
    ['removeNodes', { type: 'removeNodes', ids: ['b'] }],
    ['moveNodes', { type: 'moveNodes', moves: [{ id: 'a', from: { x: 0, y: 0 }, to: { x: 40, y: 60 } }] }],
    [
      'updateNode',
      { type: 'updateNode', id: 'b', patch: { name: 'Renamed', parameters: { x: 1 } }, before: { name: 'B', parameters: {} } },
    ],
    ['addConnections', { type: 'addConnections', connections: [{ from: { node: 'b', port: 'main' }, to: { node: 'b', port: 'main' } }] }],
    [
      'removeConnections',
      { type: 'removeConnections', connections: [{ from: { node: 'a', port: 'main' }, to: { node: 'b', port: 'main' } }] },
    ],
  ];
  for (const [name, change] of changes) {
    it(`reverts ${name} exactly with its inverse`, () => {
      const wf = base();
      const before = JSON.stringify(wf);
      const { workflow, inverse } = applyChange(wf, change);
      ok(JSON.stringify(workflow) !== before, 'the change changed something');
      equal(JSON.stringify(wf), before, 'the input is not modified');
      const reverted = applyChange(workflow, inverse).workflow;
      equal(
        [...reverted.nodes].sort((x, y) => x.id.localeCompare(y.id)),
        [...wf.nodes].sort((x, y) => x.id.localeCompare(y.id)),
      );
      equal(reverted.connections.length, wf.connections.length);
    });
  }

  it('puts removed nodes back in their place in the node list on undo', () => {
    const wf = base();
    wf.nodes.push({ id: 'c', name: 'C', type: 'core.noOp', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} });
    const { workflow, inverse } = applyChange(wf, { type: 'removeNodes', ids: ['a', 'c'] });
    equal(
      applyChange(workflow, inverse).workflow.nodes.map((n) => n.id),
      ['a', 'b', 'c'],
    );
  });

  it('removes the connections of removed nodes and brings them back on undo', () => {
    const { workflow, inverse } = applyChange(base(), { type: 'removeNodes', ids: ['a'] });
    equal(workflow.connections, []);
    equal(applyChange(workflow, inverse).workflow.connections.length, 1);
  });

  it('refuses duplicate names, missing nodes and duplicate connections', () => {
    const wf = base();
    ok(checkChange(wf, { type: 'addNodes', nodes: [{ ...wf.nodes[0]!, id: 'z' }], connections: [] })?.includes("named 'A'"));
    ok(checkChange(wf, { type: 'removeNodes', ids: ['nope'] })?.includes('nope'));
    ok(checkChange(wf, { type: 'addConnections', connections: [wf.connections[0]!] })?.includes('already connected'));
    equal(checkChange(wf, { type: 'moveNodes', moves: [{ id: 'a', from: { x: 0, y: 0 }, to: { x: 1, y: 1 } }] }), undefined);
  });

  it('applies and reverts a batch in order', () => {
    const batch: WorkflowChange = {
      type: 'batch',
      changes: [
        { type: 'removeConnections', connections: base().connections },
        { type: 'removeNodes', ids: ['b'] },
      ],
    };
    const { workflow, inverse } = applyChange(base(), batch);
    equal(workflow.nodes.length, 1);
    const back = applyChange(workflow, inverse).workflow;
    equal(back.nodes.length, 2);
    equal(back.connections.length, 1);
  });
});
