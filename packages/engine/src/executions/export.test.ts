import { describe, expect, it } from 'vitest';
import { FlowloomError } from '../errors/flowloom.error.js';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import { at, sampleExecution, sampleNodeRun, sampleWorkflow } from '../testing/conformance-fixtures.js';
import { exportExecution, exportExecutions } from './export.js';

describe('execution export', () => {
  it('exports one execution with its node runs as a JSON document', async () => {
    const { executions } = createMemoryStorage();
    await executions.create(sampleExecution('e1', { workflow: sampleWorkflow('wf-1') }));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0));
    const doc = await exportExecution(executions, 't1', 'e1', { now: () => Date.parse(at(5)) });
    const parsed = JSON.parse(JSON.stringify(doc)) as typeof doc;
    expect(parsed).toMatchObject({ format: 'flowloom.executions', version: 1, tenantId: 't1', exportedAt: at(5) });
    expect(parsed.executions[0]!.nodes['a']![0]!.output['main']![0]!.json['doubled']).toBe(0);
    expect(parsed.executions[0]!.workflow?.id).toBe('wf-1');
    const missing = await exportExecution(executions, 't1', 'nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(FlowloomError);
  });

  it('exports the executions a query matches, up to a maximum, without workflows on request', async () => {
    const { executions } = createMemoryStorage();
    for (let i = 0; i < 5; i++)
      await executions.create(
        sampleExecution(`e${i}`, { status: i % 2 ? 'error' : 'success', startedAt: at(i), workflow: sampleWorkflow('wf-1') }),
      );
    const failed = await exportExecutions(executions, 't1', { status: 'error' }, { withoutWorkflow: true });
    expect(failed.executions.map((e) => e.id)).toEqual(['e3', 'e1']);
    expect(failed.executions.every((e) => e.workflow === undefined)).toBe(true);
    expect((await exportExecutions(executions, 't1', {}, { max: 2 })).executions).toHaveLength(2);
  });
});
