import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../ports/logger.js';
import { buildWorkflow } from '../../../testing/build-workflow.js';
import { createNodeEngine, type NodeEngineOptions } from '../../create-node-engine.js';

// What the trigger does before it speaks IMAP, against a port that never answers. Reading a real mailbox (Dovecot)
// is checked in email-trigger-mailbox.test.ts; the messages' parts in mime-message.test.ts and message-item.test.ts,
// the cursor in mailbox-cursor.test.ts.

/** A TCP port that takes connections and counts them, never answering: nothing may reach it in these tests. */
let listener: Server;
let port: number;
let connections = 0;
beforeAll(async () => {
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

async function setUp(parameters: Record<string, unknown>, options: NodeEngineOptions = { http: { allowedRanges: ['127.0.0.1/32'] } }) {
  const engine = createNodeEngine({ logger: silentLogger, ...options });
  const credential = await engine.credentials.create({
    name: 'Mailbox',
    type: 'imap',
    data: { host: '127.0.0.1', port, secure: false, user: 'ada', password: 'mailbox-password-5678' },
  });
  const workflow = buildWorkflow({
    nodes: [
      { id: 'mail', name: 'Mail', type: 'core.emailTrigger', parameters, credentials: { imap: credential.id } },
      { id: 'after', type: 'core.noOp' },
    ],
    connections: [['mail', 'after']],
  });
  return { engine, workflow };
}

describe('Email Trigger (IMAP)', () => {
  it('is activated as a polling trigger at its interval', async () => {
    const { engine, workflow } = await setUp({ pollMinutes: 5 });
    const summary = await engine.activate(workflow);
    expect(summary.polls).toEqual([{ nodeId: 'mail', intervalMs: 300_000 }]);
    await engine.close();
  });

  it('refuses search criteria it cannot read, naming the parameter, before connecting', async () => {
    const { engine, workflow } = await setUp({ search: '["UNSEEN", ["FORM", "a@example.com"]]' });
    const before = connections;
    const execution = await engine.run(workflow);
    expect(execution.error).toMatchObject({ code: 'PARAMETER_INVALID' });
    expect(execution.error?.message).toBe("Node 'Mail': parameter 'search' criterion 2 ('FORM') is not a search criterion IMAP knows.");
    expect(connections).toBe(before);
  });

  it('refuses a server on a private address unless the host allows it, without connecting', async () => {
    const { engine, workflow } = await setUp({}, {});
    const before = connections;
    const execution = await engine.run(workflow);
    expect(execution.error).toMatchObject({ code: 'PRIVATE_NETWORK_REFUSED' });
    expect(execution.error?.message).toMatch(/^Node 'Mail': Requests to '127\.0\.0\.1' are refused/);
    expect(connections).toBe(before);
  });

  it('fails naming the server when it does not speak IMAP, and the password stays out of the record', async () => {
    const { engine, workflow } = await setUp({});
    const execution = await engine.run(workflow);
    expect(execution.error).toMatchObject({ code: 'IMAP_FAILED' });
    expect(execution.error?.message).toMatch(new RegExp(`^Node 'Mail': reading mail from 127\\.0\\.0\\.1:${port} failed: `));
    expect(JSON.stringify(execution)).not.toContain('mailbox-password-5678');
  });
});
