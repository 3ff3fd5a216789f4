import { describe, expect, it } from 'vitest';
import { createEngine, silentLogger } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { buildWorkflow } from '@flowloom/engine/testing';

// Node has no Web Workers: `createEngine` from the core has no sandbox or worker pool here, and says
// what to use instead; `createNodeEngine` brings Node's.
const codeWorkflow = buildWorkflow({
  nodes: [
    { id: 'start', type: 'core.manualTrigger' },
    { id: 'code', name: 'Code', type: 'core.code', parameters: { code: 'return [{ json: { ran: true } }];' } },
  ],
  connections: [['start', 'code']],
});

describe('the runtime parts of an engine', () => {
  it('fails a Code node with CODE_SANDBOX_UNAVAILABLE, naming createNodeEngine, where the core has no sandbox', async () => {
    const execution = await createEngine({ logger: silentLogger }).run(codeWorkflow);
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({ code: 'CODE_SANDBOX_UNAVAILABLE', node: { id: 'code' } });
    expect(execution.error?.message).toContain('createNodeEngine from @flowloom/engine/node');
  });

  it("refuses isolation: 'worker' at creation with ISOLATION_UNAVAILABLE where the core has no workers", () => {
    expect(() => createEngine({ isolation: 'worker' })).toThrow(
      expect.objectContaining({ code: 'ISOLATION_UNAVAILABLE', message: expect.stringContaining('createNodeEngine') }),
    );
  });

  it('runs Code nodes with the sandbox createNodeEngine brings', async () => {
    const engine = createNodeEngine({ logger: silentLogger });
    const execution = await engine.run(codeWorkflow);
    expect(execution.status).toBe('success');
    expect(execution.nodes.code![0]!.output.main).toEqual([{ json: { ran: true } }]);
    await engine.close();
  });

  it('runs Code nodes with a sandbox passed to createEngine', async () => {
    let asked = 0;
    const engine = createEngine({
      logger: silentLogger,
      codeSandbox: {
        run: async () => {
          asked++;
          return { ok: true, output: [{ json: { from: 'host' } }], logs: [] };
        },
        close: async () => {},
      },
    });
    const execution = await engine.run(codeWorkflow);
    expect(asked).toBe(1);
    expect(execution.nodes.code![0]!.output.main).toEqual([{ json: { from: 'host' } }]);
  });
});
