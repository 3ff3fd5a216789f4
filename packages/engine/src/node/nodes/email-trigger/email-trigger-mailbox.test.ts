import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from '../../../model/execution.js';
import { rawKeyProvider } from '../../../credentials/keys/raw-key-provider.js';
import { FlowloomError } from '../../../errors/flowloom.error.js';
import { silentLogger } from '../../../ports/logger.js';
import { buildWorkflow } from '../../../testing/build-workflow.js';
import { createTestClock } from '../../../testing/test-clock.js';
import { createNodeEngine } from '../../create-node-engine.js';
import { IMAP_SERVER_MISSING, startImapServer, type ThrowawayImapServer } from '../../../testing/throwaway-imap-server.node.js';

// The Email Trigger against a real IMAP server (Dovecot, started for this file): messages built by nodemailer's
// MailComposer are delivered into the mailbox as a delivery agent would, and the trigger must read them back as
// they were composed, take each new one once, and mark what it took as read on the server.

if (IMAP_SERVER_MISSING) throw new FlowloomError('IMAP_SERVER_MISSING', IMAP_SERVER_MISSING);

let server: ThrowawayImapServer;
beforeAll(async () => {
  server = await startImapServer();
});
afterAll(() => server?.stop());

const PDF = Buffer.from('%PDF-1.4\n% an invoice\n%%EOF\n');
const compose = (n: number, extra: { attachments?: { filename: string; content: Buffer; contentType: string }[] } = {}) =>
  new MailComposer({
    from: 'Billing <billing@example.com>',
    to: 'ada@example.com',
    subject: `Invoice ${n} – déjà payée`,
    text: `Hello Ada,\nthis is message ${n}.\n`,
    html: `<p>Hello Ada, this is message <b>${n}</b>.</p>`,
    messageId: `<invoice-${n}@example.com>`,
    date: new Date(Date.UTC(2026, 5, n, 9, 0, 0)),
    ...extra,
  })
    .compile()
    .build();

const start = Date.UTC(2026, 5, 1, 12, 0, 0);
// One key for every engine of the file, so an engine started on another's storage reads its credentials.
const keyProvider = rawKeyProvider({ key: new Uint8Array(32).fill(3) });

async function setUp(parameters: Record<string, unknown> = {}, password = server.password) {
  const clock = createTestClock({ start });
  const engine = createNodeEngine({ logger: silentLogger, clock, keyProvider, http: { allowedRanges: ['127.0.0.1/32'] } });
  const credential = await engine.credentials.create({
    name: 'Mailbox',
    type: 'imap',
    data: { host: '127.0.0.1', port: server.port, secure: false, user: server.user, password },
  });
  const workflow = buildWorkflow({
    id: 'wf-mail',
    nodes: [
      {
        id: 'mail',
        name: 'Mail',
        type: 'core.emailTrigger',
        parameters: { pollMinutes: 1, ...parameters },
        credentials: { imap: credential.id },
      },
      { id: 'after', type: 'core.noOp' },
    ],
    connections: [['mail', 'after']],
  });
  const runs: Execution[] = [];
  engine.on('executionFinish', (event) => void runs.push(event.execution));
  const poll = async () => {
    clock.advance(60_000);
    await engine.idle();
  };
  return { engine, workflow, runs, poll };
}

/** A message's flags but \Recent, which the server sets for the first session to see it only. */
const flagsOf = (json: Record<string, unknown>) => (json['flags'] as string[]).filter((f) => f !== '\\Recent');
const taken = (execution: Execution) => (execution.nodes['after']?.[0]?.output['main'] ?? []).map((i) => i.json);

describe('Email Trigger (IMAP) against Dovecot', () => {
  it('reads each message as it was composed: headers, text, HTML and the attachment’s bytes, and a manual run marks nothing read', async () => {
    server.deliver(await compose(1, { attachments: [{ filename: 'invoice-1.pdf', content: PDF, contentType: 'application/pdf' }] }));
    server.deliver(await compose(2));
    const { engine, workflow } = await setUp({ downloadAttachments: true });
    const first = await engine.run(workflow);
    expect(first.error).toBeUndefined();
    const items = first.nodes['mail']![0]!.output['main']!;
    expect(items.map((i) => i.json['subject'])).toEqual(['Invoice 1 – déjà payée', 'Invoice 2 – déjà payée']);
    expect(items[0]!.json).toMatchObject({
      messageId: '<invoice-1@example.com>',
      date: '2026-06-01T09:00:00.000Z',
      from: 'Billing <billing@example.com>',
      to: 'ada@example.com',
      textPlain: 'Hello Ada,\nthis is message 1.\n',
      textHtml: '<p>Hello Ada, this is message <b>1</b>.</p>',
      attachments: [
        { fileName: 'invoice-1.pdf', mimeType: 'application/pdf', size: PDF.length, inline: false, binaryProperty: 'attachment_0' },
      ],
    });
    expect(Buffer.from(items[0]!.binary!['attachment_0']!.data!, 'base64')).toEqual(PDF);
    // A manual run looks and changes nothing: the messages are still unread for the next reader.
    const again = await engine.run(workflow);
    expect(again.nodes['mail']![0]!.output['main']!.map((i) => flagsOf(i.json))).toEqual([[], []]);
    await engine.close();
  });

  it('takes each new message once when active, marks it read on the server, and goes on after a restart', async () => {
    const { engine, workflow, runs, poll } = await setUp();
    // The mailbox holds the earlier test's two unread messages: the first poll takes them (the default search is UNSEEN).
    await engine.activate(workflow);
    await engine.startScheduler();
    await poll();
    expect(runs.map((r) => taken(r).map((m) => m['messageId']))).toEqual([['<invoice-1@example.com>', '<invoice-2@example.com>']]);
    runs.length = 0;
    server.deliver(await compose(3));
    await poll();
    expect(runs.map((r) => taken(r).map((m) => m['subject']))).toEqual([['Invoice 3 – déjà payée']]);
    await poll();
    expect(runs).toHaveLength(1);
    server.deliver(await compose(4));
    server.deliver(await compose(5));
    await poll();
    expect(runs.map((r) => taken(r).map((m) => m['messageId']))).toEqual([
      ['<invoice-3@example.com>'],
      ['<invoice-4@example.com>', '<invoice-5@example.com>'],
    ]);
    const storage = engine.storage;
    await engine.close();

    // The server marked them read: a manual run over every message shows \Seen on each one taken.
    const look = await setUp({ search: '["ALL"]', maxMessages: 10 });
    const seen = await look.engine.run(look.workflow);
    const flags = Object.fromEntries(seen.nodes['mail']![0]!.output['main']!.map((i) => [i.json['messageId'], flagsOf(i.json)]));
    expect(flags).toEqual({
      '<invoice-1@example.com>': ['\\Seen'],
      '<invoice-2@example.com>': ['\\Seen'],
      '<invoice-3@example.com>': ['\\Seen'],
      '<invoice-4@example.com>': ['\\Seen'],
      '<invoice-5@example.com>': ['\\Seen'],
    });
    await look.engine.close();

    // A restart on the same storage: a message delivered while it was down is taken, and none again.
    server.deliver(await compose(6));
    const clock = createTestClock({ start: start + 10 * 60_000 });
    const restarted = createNodeEngine({ logger: silentLogger, clock, keyProvider, storage, http: { allowedRanges: ['127.0.0.1/32'] } });
    const after: Execution[] = [];
    restarted.on('executionFinish', (event) => void after.push(event.execution));
    await restarted.activate(workflow);
    await restarted.startScheduler();
    clock.advance(60_000);
    await restarted.idle();
    expect(after.map((r) => taken(r).map((m) => m['messageId']))).toEqual([['<invoice-6@example.com>']]);
    await restarted.close();
  });

  it('fails a wrong password naming the server, and the password stays out of the record', async () => {
    const { engine, workflow } = await setUp({}, 'not-the-password-9999');
    const execution = await engine.run(workflow);
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toContain(`127.0.0.1:${server.port}`);
    expect(JSON.stringify(execution)).not.toContain('not-the-password-9999');
    await engine.close();
  });
});
