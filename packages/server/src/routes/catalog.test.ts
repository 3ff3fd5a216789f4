import { describeNodeType, NodeRegistry } from '@flowloom/engine';
import { testNodeTypes } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let viewer: string;
beforeAll(async () => {
  server = await startTestServer();
  viewer = await server.keyFor('acme', 'viewer');
});
afterAll(async () => {
  await server?.close();
});

describe('the catalog', () => {
  it('lists the engine’s node types as the engine describes them', async () => {
    const answer = await server.call('/node-types', { auth: viewer });
    expect(answer.status).toBe(200);
    const oracle = new NodeRegistry(testNodeTypes);
    expect(answer.body.nodeTypes).toEqual(expect.arrayContaining(JSON.parse(JSON.stringify(oracle.describe()))));
    expect(answer.body.nodeTypes.map((t: { type: string }) => t.type)).toContain('core.webhook');
  });

  it('gives one node type, and 404 for one the engine does not know', async () => {
    const answer = await server.call('/node-types/test.flaky', { auth: viewer });
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(describeNodeType(server.engine.nodeTypes.get('test.flaky')!))));
    expect((await server.call('/node-types/acme.nothing', { auth: viewer })).status).toBe(404);
  });

  it('lists the credential types with the JSON Schema of their fields, secrets marked', async () => {
    const answer = await server.call('/credential-types', { auth: viewer });
    const bearer = answer.body.credentialTypes.find((t: { name: string }) => t.name === 'bearerToken');
    expect(bearer).toMatchObject({
      displayName: 'Bearer token',
      testable: true,
      properties: { type: 'object', properties: { token: { secret: true } } },
    });
  });
});
