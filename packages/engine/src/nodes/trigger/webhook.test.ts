import { describe, expect, it } from 'vitest';
import { createEngine, describeNodeType } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { webhook } from './webhook.js';

describe('Webhook node', () => {
  it('emits the call it was started with', async () => {
    const engine = createEngine();
    const workflow = buildWorkflow({ nodes: [{ id: 'hook', type: 'core.webhook', parameters: { path: 'x' } }] });
    const item = { json: { method: 'POST', body: { a: 1 } } };
    const e = await engine.run(workflow, { input: [item], mode: 'webhook' });
    expect(e.nodes.hook![0]!.output.main).toEqual([item]);
  });

  it('emits an empty request in a manual run', async () => {
    const engine = createEngine();
    const workflow = buildWorkflow({ nodes: [{ id: 'hook', type: 'core.webhook', parameters: { path: 'x', httpMethod: 'GET' } }] });
    const e = await engine.run(workflow);
    expect(e.nodes.hook![0]!.output.main).toEqual([{ json: { method: 'GET', path: 'x', params: {}, query: {}, headers: {}, body: {} } }]);
  });

  it('refuses a missing or empty path and an unknown method, naming the parameter', async () => {
    const engine = createEngine();
    await engine.nodeTypes.load('core.webhook');
    const check = (parameters: Record<string, unknown>) => {
      const r = engine.validate(buildWorkflow({ nodes: [{ id: 'hook', name: 'Hook', type: 'core.webhook', parameters }] }));
      return r.success ? '' : r.error.message;
    };
    expect(check({})).toContain("node 'Hook' (Webhook): parameter 'path' is required");
    expect(check({ path: '' })).toContain("parameter 'path' must not be empty");
    expect(check({ path: 'a', httpMethod: 'TRACE' })).toContain("parameter 'httpMethod'");
  });

  it('refuses an empty or repeated list of methods when it allows several, naming the parameter', async () => {
    const engine = createEngine();
    await engine.nodeTypes.load('core.webhook');
    const check = (httpMethods: unknown) => {
      const parameters = { path: 'a', multipleMethods: true, httpMethods };
      const r = engine.validate(buildWorkflow({ nodes: [{ id: 'hook', name: 'Hook', type: 'core.webhook', parameters }] }));
      return r.success ? '' : r.error.message;
    };
    expect(check(['GET', 'POST'])).toBe('');
    expect(check([])).toContain("parameter 'httpMethods' choose at least one method");
    expect(check(['GET', 'GET'])).toContain("parameter 'httpMethods' must not name a method twice");
  });

  it('emits an empty request of its first method in a manual run when it allows several', async () => {
    const engine = createEngine();
    const parameters = { path: 'x', multipleMethods: true, httpMethods: ['PUT', 'POST'] };
    const e = await engine.run(buildWorkflow({ nodes: [{ id: 'hook', type: 'core.webhook', parameters }] }));
    expect(e.nodes.hook![0]!.output.main![0]!.json).toMatchObject({ method: 'PUT', path: 'x' });
  });

  it('describes its form for the editor', () => {
    const d = describeNodeType(webhook);
    expect(d.type).toBe('core.webhook');
    expect(JSON.stringify(d)).toContain('responseMode');
  });
});
