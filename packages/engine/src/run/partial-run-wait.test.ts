import { describe, expect, it } from 'vitest';
import type { Execution } from '../model/execution.js';
import type { Item } from '../model/item.js';
import { silentLogger } from '../ports/logger.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { createTestClock } from '../testing/test-clock.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { createEngine } from './engine.js';

// "Execute step" on a node after a Wait: the Wait gives its output of the last run (or its pinned items)
// instead of pausing again, so the step is reached at once. The oracle is a full run of the same workflow.

const engine = () => createEngine({ nodeTypes: testNodeTypes, logger: silentLogger, clock: createTestClock({ autoAdvance: true }) });

const workflow = buildWorkflow({
  nodes: [
    { id: 'start', name: 'Start', type: 'core.manualTrigger' },
    { id: 'set', name: 'Set', type: 'core.set', parameters: { fields: [{ name: 'city', type: 'string', value: 'Lyon' }] } },
    { id: 'wait', name: 'Wait', type: 'core.wait', parameters: { resume: 'timeInterval', amount: 2, unit: 'hours' } },
    {
      id: 'label',
      name: 'Label',
      type: 'core.set',
      parameters: { fields: [{ name: 'label', type: 'string', value: 'in {{ $json.city }}' }] },
    },
  ],
  connections: [
    ['start', 'set'],
    ['set', 'wait'],
    ['wait', 'label'],
  ],
});

const out = (e: Execution, id: string): Item[] | undefined => e.nodes[id]?.at(-1)?.output.main;

describe('engine.run with destinationNode after a Wait node', () => {
  it('pauses at a long Wait that has no data, as a full run does', async () => {
    const partial = await engine().run(workflow, { destinationNode: 'label' });
    expect(partial.status).toBe('waiting');
    expect(partial.nodes.label).toBeUndefined();
  });

  it("reaches the step at once when the Wait has output from the last run, and gives the full run's result", async () => {
    const e = engine();
    const first = await e.run(workflow);
    expect(first.status).toBe('waiting');
    const full = await e.resume(first.id);
    expect(full.status).toBe('success');
    const partial = await e.run(workflow, { destinationNode: 'label', runData: { wait: out(full, 'wait')! } });
    expect(partial.status).toBe('success');
    expect(partial.nodes.wait?.[0]?.reused).toBe(true);
    expect(partial.nodes.set).toBeUndefined();
    expect(out(partial, 'label')).toEqual(out(full, 'label'));
    expect(out(partial, 'label')!.map((i) => i.json.label)).toEqual(['in Lyon']);
  });

  it('reaches the step at once when the Wait has pinned items', async () => {
    const pinned = { ...workflow, pinData: { wait: [{ json: { city: 'Nantes' } }] } };
    const partial = await engine().run(pinned, { destinationNode: 'label' });
    expect(partial.status).toBe('success');
    expect(out(partial, 'label')!.map((i) => i.json.label)).toEqual(['in Nantes']);
  });
});
