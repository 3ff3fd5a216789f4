import { describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { createWorkerIsolation, type ExecutionWorker } from './execution-isolation.js';
import type { ExecutionHostMessage, ExecutionWorkerMessage, IsolatedRunRequest } from './execution-protocol.js';

/**
 * A worker that does not play by the rules (as a compromised one would not):
 * it sends `calls` one at a time, collects the host's answers, then ends the run.
 */
function hostileWorker(calls: (request: IsolatedRunRequest) => ExecutionWorkerMessage[], answers: ExecutionHostMessage[]): ExecutionWorker {
  let send: (message: ExecutionWorkerMessage) => void = () => {};
  let next = 0;
  let request: IsolatedRunRequest | undefined;
  const step = () => {
    const call = calls(request!)[next++];
    if (call) return send(call);
    const execution: Execution = {
      id: request!.executionId,
      workflowId: request!.workflow.id,
      tenantId: request!.tenantId,
      status: 'success',
      mode: request!.mode,
      startedAt: new Date().toISOString(),
      nodes: {},
    };
    send({ type: 'done', execution });
  };
  return {
    postMessage(message) {
      if (message.type === 'run') request = message.request;
      else answers.push(message);
      queueMicrotask(step);
    },
    onMessage: (listener) => void (send = listener),
    onExit: () => {},
    terminate: () => {},
  };
}

const workflow = buildWorkflow({ id: 'wf', nodes: [{ id: 'start', type: 'core.manualTrigger' }] });
const node = { id: 'n', name: 'Call', credentials: { auth: 'key' } };

async function answersTo(calls: (request: IsolatedRunRequest) => ExecutionWorkerMessage[]): Promise<ExecutionHostMessage[]> {
  const answers: ExecutionHostMessage[] = [];
  const engine = createEngine({ isolation: createWorkerIsolation({ spawn: () => hostileWorker(calls, answers) }), logger: silentLogger });
  await engine.credentials.create({ id: 'key', name: 'Key', type: 'apiKey', data: { key: 'secret-1234', allowedDomains: ['*'] } });
  await engine.credentials.create(
    { id: 'theirs', name: 'Theirs', type: 'apiKey', data: { key: 'secret-5678', allowedDomains: ['*'] } },
    { tenantId: 'tenant-b' },
  );
  await engine.run(workflow);
  return answers;
}

describe('the isolation bridge, seen from a worker that breaks the rules', () => {
  it('keeps the credential store off the bridge', async () => {
    const answers = await answersTo(() => [
      { type: 'storage', id: 1, store: 'credentials', method: 'get', args: ['default', 'key'] },
      { type: 'storage', id: 2, store: 'credentials', method: 'delete', args: ['default', 'key'] },
    ]);
    expect(answers).toEqual([
      { type: 'storage-result', id: 1, ok: false, message: 'an isolated execution has no access to credentials storage' },
      { type: 'storage-result', id: 2, ok: false, message: 'an isolated execution has no access to credentials storage' },
    ]);
  });

  it("refuses storage calls for another tenant's data", async () => {
    const answers = await answersTo(() => [{ type: 'storage', id: 1, store: 'executions', method: 'list', args: ['tenant-b'] }]);
    expect(answers).toEqual([
      { type: 'storage-result', id: 1, ok: false, message: "storage call executions.list is outside tenant 'default'" },
    ]);
  });

  it('uses credentials only for executions the worker is running, under their own workflow', async () => {
    const answers = await answersTo((request) => [
      { type: 'credential', id: 1, call: { op: 'prepare', run: { executionId: 'made-up', workflowId: 'wf' }, node } },
      { type: 'credential', id: 2, call: { op: 'prepare', run: { executionId: request.executionId, workflowId: 'other-wf' }, node } },
      { type: 'credential', id: 3, call: { op: 'prepare', run: { executionId: request.executionId, workflowId: 'wf' }, node } },
    ]);
    expect(answers).toEqual([
      { type: 'credential-result', id: 1, ok: false, error: expect.objectContaining({ code: 'CREDENTIAL_RUN_UNKNOWN' }) },
      { type: 'credential-result', id: 2, ok: false, error: expect.objectContaining({ code: 'CREDENTIAL_RUN_UNKNOWN' }) },
      // The real run: the credential is ready, and the answer carries nothing of it.
      { type: 'credential-result', id: 3, ok: true },
    ]);
  });

  it("cannot name another tenant's credential", async () => {
    const run = (request: IsolatedRunRequest) => ({ executionId: request.executionId, workflowId: 'wf' });
    const answers = await answersTo((request) => [
      { type: 'credential', id: 1, call: { op: 'prepare', run: run(request), node: { ...node, credentials: { auth: 'theirs' } } } },
      {
        type: 'credential',
        id: 2,
        call: { op: 'prepare', run: run(request), node: { ...node, credentials: { auth: '@tenant-b/theirs' } } },
      },
    ]);
    expect(answers.map((a) => a.type === 'credential-result' && !a.ok && a.error.code)).toEqual([
      'CREDENTIAL_NOT_FOUND',
      'CREDENTIAL_NOT_SHARED',
    ]);
  });
});
