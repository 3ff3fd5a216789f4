import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../../../binary/bytes.js';
import type { Item } from '../../../model/item.js';
import { silentLogger } from '../../../ports/logger.js';
import { createEngine } from '../../../run/engine.js';
import { buildWorkflow } from '../../../testing/build-workflow.js';
import { createTestClock } from '../../../testing/test-clock.js';
import { createNodeEngine, type NodeEngineOptions } from '../../create-node-engine.js';
import { parseMessage } from '../email-trigger/mime-message.js';

/** What the SMTP server received: the login, the envelope and the message bytes. */
interface Received {
  user: string | undefined;
  password: string | undefined;
  envelope: SMTPServerEnvelope;
  raw: Buffer;
}

const USER = 'mailer';
const PASSWORD = 'correct horse battery staple';
let server: SMTPServer;
let port: number;
let connections = 0;
const inbox: Received[] = [];
/** Resolves when the next message has been received whole. */
let nextMessage: () => Promise<Received>;

beforeAll(async () => {
  let waiting: ((r: Received) => void)[] = [];
  nextMessage = () => new Promise((resolve) => waiting.push(resolve));
  server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: { name: auth.username, password: auth.password } });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const login = session.user as { name?: string; password?: string } | undefined;
        const received = {
          user: login?.name,
          password: login?.password,
          envelope: structuredClone(session.envelope),
          raw: Buffer.concat(chunks),
        };
        inbox.push(received);
        const ready = waiting;
        waiting = [];
        for (const resolve of ready) resolve(received);
        // The answer echoes the login, as a careless server might: the run's records must hold it redacted.
        callback(null, login ? `queued for ${login.name} (${login.password})` : 'queued');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** An engine that may reach 127.0.0.1, with an SMTP credential for the test server. */
async function engineWithCredential(
  data: Record<string, unknown> = {},
  options: NodeEngineOptions = { http: { allowedRanges: ['127.0.0.1/32'] } },
) {
  const engine = createNodeEngine({ logger: silentLogger, ...options });
  const credential = await engine.credentials.create({
    name: 'Test SMTP',
    type: 'smtp',
    data: { host: '127.0.0.1', port, secure: false, user: USER, password: PASSWORD, ...data },
  });
  return { engine, credential: credential.id };
}

function sendWorkflow(credential: string, parameters: Record<string, unknown>) {
  return buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'send', name: 'Send', type: 'core.sendEmail', parameters, credentials: { smtp: credential } },
    ],
    connections: [['start', 'send']],
  });
}

const invoice = new Uint8Array(randomBytes(3000));
const fileItem = (json: Record<string, unknown>): Item => ({
  json,
  binary: { invoice: { mimeType: 'application/pdf', fileName: 'invoice-7.pdf', fileSize: invoice.length, data: toBase64(invoice) } },
});

/** The raw header lines of a message, unfolded (what the server saw, before any decoding). */
function rawHeaders(raw: Buffer): string[] {
  const text = raw.toString('latin1');
  return text
    .slice(0, text.search(/\r?\n\r?\n/))
    .replace(/\r?\n[ \t]/g, ' ')
    .split(/\r?\n/);
}

describe('Send Email', () => {
  it('sends a message with CC, BCC, reply-to, both bodies and an attachment, logging in to the server', async () => {
    const clock = createTestClock({ start: Date.UTC(2026, 2, 14, 9, 30) });
    const { engine, credential } = await engineWithCredential({}, { clock, http: { allowedRanges: ['127.0.0.1/32'] } });
    const received = nextMessage();
    const execution = await engine.run(
      sendWorkflow(credential, {
        from: 'Ada Lovelace <ada@example.com>',
        to: '{{ $json.to }}',
        cc: 'carol@example.com',
        bcc: 'audit@example.com',
        replyTo: 'support@example.com',
        subject: 'Facture n°{{ $json.number }} – déjà payée',
        text: 'Bonjour {{ $json.name }},\nvoici la facture.',
        html: '<p>Bonjour <b>{{ $json.name }}</b></p>',
        attachments: 'invoice',
      }),
      { input: [fileItem({ to: 'Bob <bob@example.com>', number: 7, name: 'Bob' })] },
    );
    expect(execution.error).toBeUndefined();
    const mail = await received;

    expect({ user: mail.user, password: mail.password }).toEqual({ user: USER, password: PASSWORD });
    expect(mail.envelope.mailFrom && mail.envelope.mailFrom.address).toBe('ada@example.com');
    expect(mail.envelope.rcptTo.map((r) => r.address).sort()).toEqual(['audit@example.com', 'bob@example.com', 'carol@example.com']);
    const headers = rawHeaders(mail.raw);
    expect(headers).toContain('To: Bob <bob@example.com>');
    expect(headers).toContain('Cc: carol@example.com');
    expect(headers).toContain('Reply-To: support@example.com');
    expect(headers.some((h) => /^bcc:/i.test(h))).toBe(false);
    // The engine's clock dates the message.
    expect(headers).toContain('Date: Sat, 14 Mar 2026 09:30:00 +0000');

    const parsed = parseMessage(mail.raw);
    expect(parsed.subject).toBe('Facture n°7 – déjà payée');
    expect(parsed.from).toBe('Ada Lovelace <ada@example.com>');
    expect(parsed.text).toBe('Bonjour Bob,\nvoici la facture.');
    expect(parsed.html).toBe('<p>Bonjour <b>Bob</b></p>');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({ fileName: 'invoice-7.pdf', mimeType: 'application/pdf' });
    expect(Buffer.from(parsed.attachments[0]!.content).equals(Buffer.from(invoice))).toBe(true);

    const out = execution.nodes.send?.[0]?.output?.main?.[0]?.json;
    expect(out).toMatchObject({ accepted: ['bob@example.com', 'carol@example.com', 'audit@example.com'], rejected: [] });
    expect(out?.messageId).toBe(parsed.messageId);
    expect(String(out?.response)).toMatch(/^250 /);
  });

  it('sends one message per item, each with its own values', async () => {
    const { engine, credential } = await engineWithCredential();
    const before = inbox.length;
    const execution = await engine.run(
      sendWorkflow(credential, { from: 'ada@example.com', to: '{{ $json.to }}', subject: 'Hello {{ $json.name }}', text: 'Hi' }),
      { input: [{ json: { to: 'one@example.com', name: 'One' } }, { json: { to: 'two@example.com', name: 'Two' } }] },
    );
    expect(execution.error).toBeUndefined();
    // The run ends after the server accepted both messages, so both are in the inbox.
    const mails = inbox.slice(before).map((m) => ({ to: m.envelope.rcptTo.map((r) => r.address), subject: parseMessage(m.raw).subject }));
    expect(mails).toEqual([
      { to: ['one@example.com'], subject: 'Hello One' },
      { to: ['two@example.com'], subject: 'Hello Two' },
    ]);
    expect(execution.nodes.send?.[0]?.output?.main?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('fails naming the server when the login is refused, and the password stays out of the record', async () => {
    const { engine, credential } = await engineWithCredential({ password: 'wrong-password-1234' });
    const execution = await engine.run(sendWorkflow(credential, { from: 'ada@example.com', to: 'bob@example.com', subject: 'x' }), {
      input: [{ json: {} }],
    });
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({ code: 'SMTP_AUTH' });
    expect(execution.error?.message).toMatch(new RegExp(`^Node 'Send': the SMTP server 127\\.0\\.0\\.1:${port} refused the login`));
    expect(JSON.stringify(execution)).not.toContain('wrong-password-1234');
  });

  it('refuses a server on a private address unless the host allows it, without connecting', async () => {
    const { engine, credential } = await engineWithCredential({}, {});
    const before = connections;
    const execution = await engine.run(sendWorkflow(credential, { from: 'ada@example.com', to: 'bob@example.com' }), {
      input: [{ json: {} }],
    });
    expect(execution.error).toMatchObject({ code: 'PRIVATE_NETWORK_REFUSED' });
    expect(execution.error?.message).toMatch(/^Node 'Send': Requests to '127\.0\.0\.1' are refused/);
    expect(connections).toBe(before);
  });

  it('fails naming the parameter and the item when an attachment is missing, before sending anything', async () => {
    const { engine, credential } = await engineWithCredential();
    const before = connections;
    const execution = await engine.run(
      sendWorkflow(credential, { from: 'ada@example.com', to: 'bob@example.com', attachments: 'invoice, receipt' }),
      {
        input: [fileItem({})],
      },
    );
    expect(execution.error?.message).toBe(
      "Node 'Send': parameter 'attachments' names 'receipt', but the item has no file under that key (it has 'invoice') (item 0).",
    );
    expect(connections).toBe(before);
  });

  it('refuses a line break in an address, which would add a header', async () => {
    const { engine, credential } = await engineWithCredential();
    const execution = await engine.run(sendWorkflow(credential, { from: 'ada@example.com', to: '{{ $json.to }}' }), {
      input: [{ json: { to: 'bob@example.com\r\nBcc: everyone@example.com' } }],
    });
    expect(execution.error?.message).toBe("Node 'Send': parameter 'to' holds a line break, which no address may (item 0).");
  });

  it('needs a credential in its smtp slot', async () => {
    const engine = createNodeEngine({ logger: silentLogger });
    const workflow = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'send', name: 'Send', type: 'core.sendEmail', parameters: { from: 'a@example.com', to: 'b@example.com' } },
      ],
      connections: [['start', 'send']],
    });
    const execution = await engine.run(workflow, { input: [{ json: {} }] });
    expect(execution.error).toMatchObject({ code: 'CREDENTIAL_MISSING' });
  });

  it('is known to an engine not made by createNodeEngine (a browser engine), which refuses to run it, saying why', async () => {
    const engine = createEngine({ logger: silentLogger });
    expect(engine.nodeTypes.describe().find((t) => t.type === 'core.sendEmail')).toMatchObject({
      nodeOnly: true,
      displayName: 'Send Email',
    });
    const credential = await engine.credentials.create({ name: 'SMTP', type: 'smtp', data: { host: '127.0.0.1', port } });
    const before = connections;
    const execution = await engine.run(sendWorkflow(credential.id, { from: 'a@example.com', to: 'b@example.com' }), {
      input: [{ json: {} }],
    });
    expect(connections).toBe(before);
    expect(execution.error).toMatchObject({ code: 'NODE_UNAVAILABLE' });
    expect(execution.error?.message).toBe(
      "Node 'Send': Send Email runs only in Node.js, on an engine made with createNodeEngine from @flowloom/engine/node; this engine cannot run it.",
    );
  });
});

describe("Send Email's credential", () => {
  it('is read through the run: one audit entry names the execution and the node, and no stored record holds the password', async () => {
    const { engine, credential } = await engineWithCredential();
    const received = nextMessage();
    const execution = await engine.run(
      sendWorkflow(credential, { from: 'ada@example.com', to: 'bob@example.com', subject: 'Note', text: 'Hi' }),
      { input: [{ json: {} }] },
    );
    expect(execution.error).toBeUndefined();
    const mail = await received;
    expect({ user: mail.user, password: mail.password }).toEqual({ user: USER, password: PASSWORD });

    const audit = await engine.credentials.auditTrail({ executionId: execution.id });
    expect(audit).toEqual([
      expect.objectContaining({ credentialId: credential, action: 'read', workflowId: 'wf', nodeId: 'send', nodeName: 'Send' }),
    ]);
    const stored = await engine.storage.executions.get('default', execution.id);
    expect(stored?.nodes.send?.[0]?.output.main?.[0]?.json.response).toBe(`250 queued for ${USER} (__redacted__)`);
    for (const record of [execution, stored]) expect(JSON.stringify(record)).not.toContain(PASSWORD);
  });

  it('sends in an isolated execution: the worker reads the credential through the host, which audits and redacts', async () => {
    const { engine, credential } = await engineWithCredential(
      {},
      {
        isolation: 'worker',
        nodeModules: [new URL('../../fixtures/isolated-services-nodes.mjs', import.meta.url).href],
        http: { allowedRanges: ['127.0.0.1/32'] },
      },
    );
    try {
      const workflow = buildWorkflow({
        id: 'wf-isolated',
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { id: 'where', type: 'services.thread' },
          {
            id: 'send',
            name: 'Send',
            type: 'core.sendEmail',
            parameters: { from: 'ada@example.com', to: 'bob@example.com', subject: 'From a worker', text: 'Hi' },
            credentials: { smtp: credential },
          },
        ],
        connections: [
          ['start', 'where'],
          ['where', 'send'],
        ],
      });
      const received = nextMessage();
      const execution = await engine.run(workflow, { input: [{ json: {} }] });
      expect(execution.error).toBeUndefined();
      // It ran in another thread, and the server got the login and the message.
      expect(execution.nodes.where![0]!.output.main![0]!.json.threadId).not.toBe(threadId);
      const mail = await received;
      expect({ user: mail.user, password: mail.password }).toEqual({ user: USER, password: PASSWORD });
      expect(parseMessage(mail.raw).subject).toBe('From a worker');
      expect(execution.nodes.send![0]!.output.main![0]!.json).toMatchObject({ accepted: ['bob@example.com'], rejected: [] });

      const audit = await engine.credentials.auditTrail({ executionId: execution.id });
      expect(audit).toEqual([
        expect.objectContaining({ credentialId: credential, action: 'read', workflowId: 'wf-isolated', nodeId: 'send', nodeName: 'Send' }),
      ]);
      const stored = await engine.storage.executions.get('default', execution.id);
      expect(stored?.status).toBe('success');
      expect(stored?.nodes.send?.[0]?.output.main?.[0]?.json.response).toBe(`250 queued for ${USER} (__redacted__)`);
      for (const record of [execution, stored]) expect(JSON.stringify(record)).not.toContain(PASSWORD);
    } finally {
      await engine.close();
    }
  });
});
