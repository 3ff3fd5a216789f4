import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, defineCredentialType, defineNode, silentLogger } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';

// ctx.credentialData: the fields of a credential, for nodes that connect over another protocol than HTTP.

/** A database credential whose type hands its fields to nodes. */
const database = defineCredentialType({
  name: 'testDatabase',
  displayName: 'Test database',
  properties: z.object({
    host: z.string(),
    port: z.number().default(5432),
    password: z.string().meta({ secret: true }),
  }),
  readableByNodes: true,
  authenticate: { type: 'custom', sign: () => undefined },
  allowedHosts: [],
});

/** Reads the credential in slot `parameters.slot` twice and outputs what it got, after changing the first copy. */
const readNode = defineNode({
  type: 'test.readCredential',
  version: 1,
  displayName: 'Read credential',
  group: 'integration',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ slot: z.string() }),
  credentials: [
    { name: 'db', type: 'testDatabase' },
    { name: 'api', type: 'apiKey' },
  ],
  async execute(ctx) {
    const slot = ctx.params(0).slot;
    const first = (await ctx.credentialData(slot)) as Record<string, unknown>;
    first.host = 'changed by the node';
    return [{ json: { first, second: await ctx.credentialData(slot) } }];
  },
});

async function setUp() {
  const engine = createEngine({ logger: silentLogger, nodeTypes: [readNode], credentialTypes: [database] });
  await engine.credentials.create({
    id: 'db-1',
    name: 'Orders DB',
    type: 'testDatabase',
    data: { host: 'db.internal', password: 'pg-secret-9876' },
  });
  await engine.credentials.create({
    id: 'key-1',
    name: 'Orders API',
    type: 'apiKey',
    data: { key: 'sk-live-never-handed-out', allowedDomains: ['api.example.com'] },
  });
  const workflow = (slot: string) =>
    buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'read', name: 'Read', type: 'test.readCredential', parameters: { slot }, credentials: { db: 'db-1', api: 'key-1' } },
      ],
      connections: [['start', 'read']],
    });
  return { engine, workflow };
}

describe('ctx.credentialData', () => {
  it("gives a copy of the fields, defaults applied, records each read, and redacts the secret from the run's records", async () => {
    const { engine, workflow } = await setUp();
    const execution = await engine.run(workflow('db'));
    expect(execution.error).toBeUndefined();
    const out = execution.nodes.read![0]!.output.main![0]!.json as { first: Record<string, unknown>; second: Record<string, unknown> };
    expect(out.second).toEqual({ host: 'db.internal', port: 5432, password: '__redacted__' });
    expect(out.first.host).toBe('changed by the node');
    expect(JSON.stringify(execution)).not.toContain('pg-secret-9876');
    const audit = await engine.credentials.auditTrail({ executionId: execution.id });
    expect(audit.map((a) => [a.credentialId, a.action, a.nodeName])).toEqual([
      ['db-1', 'read', 'Read'],
      ['db-1', 'read', 'Read'],
    ]);
  });

  it('never hands out the fields of a credential that signs HTTP requests', async () => {
    const { engine, workflow } = await setUp();
    const execution = await engine.run(workflow('api'));
    expect(execution.error).toMatchObject({ code: 'CREDENTIAL_NOT_READABLE' });
    expect(execution.error?.message).toBe(
      "Node 'Read' (slot 'api'): credential 'Orders API' is a 'apiKey' credential, whose fields are never handed to a node: nodes use it only to sign requests (ctx.authenticatedFetch)",
    );
    expect(await engine.credentials.auditTrail({ executionId: execution.id })).toEqual([]);
  });

  it('reads only the slots the node type declares', async () => {
    const { engine, workflow } = await setUp();
    const execution = await engine.run(workflow('other'));
    expect(execution.error).toMatchObject({ code: 'CREDENTIAL_SLOT_UNKNOWN' });
    expect(execution.error?.message).toBe(
      "Node 'Read' has no credential slot 'other' (its slots: 'db', 'api'); a node reads only the credentials of the slots its type declares.",
    );
  });
});
