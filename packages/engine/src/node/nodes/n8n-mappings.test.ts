import { describe, expect, it } from 'vitest';
import { MapContext } from '../../n8n/map-context.js';
import { NODE_ONLY_MAPPINGS } from '../../n8n/mappers/node-only.js';
import { silentLogger } from '../../ports/logger.js';
import { buildWorkflow } from '../../testing/build-workflow.js';
import { createNodeEngine } from '../create-node-engine.js';

// The n8n nodes below are shaped as in real exports of the shared n8n corpus. Each mapping must read
// every parameter (an unread one would make the import keep a placeholder) and give parameters the
// Flowloom node type accepts.

const engine = createNodeEngine({ logger: silentLogger });

function map(type: string, typeVersion: number, parameters: Record<string, unknown>) {
  const ctx = new MapContext(
    { name: 'Node', type, typeVersion, parameters },
    { nodeName: (n) => n, itemAligned: () => true, upstream: () => true, usedOutputs: [0], timezone: undefined },
  );
  const mapped = NODE_ONLY_MAPPINGS[type]!.map(ctx);
  expect(ctx.unread()).toEqual([]);
  const trigger = mapped.type === 'core.emailTrigger';
  const workflow = buildWorkflow({
    nodes: [
      ...(trigger ? [] : [{ id: 'start', type: 'core.manualTrigger' }]),
      {
        id: 'node',
        type: mapped.type,
        parameters: mapped.parameters,
        ...(mapped.credential ? { credentials: { [mapped.credential.slot]: 'c1' } } : {}),
      },
    ],
    connections: trigger ? [] : [['start', 'node']],
  });
  const validation = engine.validate(workflow);
  expect(validation.success, validation.success ? '' : validation.error.message).toBe(true);
  return { ...mapped, warnings: ctx.problems.map((p) => p.code) };
}

describe('n8n Send Email', () => {
  it('maps v2.1 with an HTML body (the default format)', () => {
    const mapped = map('n8n-nodes-base.emailSend', 2.1, {
      html: '={{ $json.html }}',
      options: {},
      subject: '={{ $json.subject }}',
      toEmail: '={{ $json.to }}',
      fromEmail: 'friedemann.schuetz@posteo.de',
    });
    expect(mapped).toMatchObject({
      type: 'core.sendEmail',
      parameters: { from: 'friedemann.schuetz@posteo.de', to: '{{ $json.to }}', subject: '{{ $json.subject }}', html: '{{ $json.html }}' },
      credential: { slot: 'smtp', n8nType: 'smtp' },
    });
    expect(mapped.parameters.text).toBeUndefined();
    expect(mapped.warnings).toEqual(['attribution']);
  });

  it('maps v2.1 with a text body, options and no attribution', () => {
    const mapped = map('n8n-nodes-base.emailSend', 2.1, {
      text: 'Something failed',
      html: '<p>ignored</p>',
      options: {
        appendAttribution: false,
        ccEmail: 'cc@example.com',
        bccEmail: 'bcc@example.com',
        replyTo: 'r@example.com',
        attachments: 'data, report',
      },
      subject: 'Erro',
      toEmail: 'a@example.com',
      fromEmail: 'b@example.com',
      emailFormat: 'text',
    });
    expect(mapped.parameters).toEqual({
      from: 'b@example.com',
      to: 'a@example.com',
      cc: 'cc@example.com',
      bcc: 'bcc@example.com',
      replyTo: 'r@example.com',
      subject: 'Erro',
      text: 'Something failed',
      attachments: 'data, report',
    });
    expect(mapped.warnings).toEqual([]);
  });

  it('maps v1 with both bodies and attachments', () => {
    const mapped = map('n8n-nodes-base.emailSend', 1, {
      text: 'Hey Harshil',
      html: '<p>Hey</p>',
      options: {},
      subject: 'n8n Community Meetup 🚀',
      attachments: 'data',
      toEmail: 'h@example.com',
      fromEmail: 'f@example.com',
    });
    expect(mapped.parameters).toEqual({
      from: 'f@example.com',
      to: 'h@example.com',
      subject: 'n8n Community Meetup 🚀',
      text: 'Hey Harshil',
      html: '<p>Hey</p>',
      attachments: 'data',
    });
  });

  it('refuses send-and-wait, which has no equivalent', () => {
    const ctx = new MapContext(
      { name: 'Node', type: 'n8n-nodes-base.emailSend', typeVersion: 2.1, parameters: { operation: 'sendAndWait', message: 'x' } },
      { nodeName: (n) => n, itemAligned: () => true, upstream: () => true, usedOutputs: [0], timezone: undefined },
    );
    expect(() => NODE_ONLY_MAPPINGS['n8n-nodes-base.emailSend']!.map(ctx)).toThrow(/no Flowloom equivalent/);
  });
});

describe('n8n Email Trigger (IMAP)', () => {
  it('maps v2 with its defaults', () => {
    const mapped = map('n8n-nodes-base.emailReadImap', 2, { options: {} });
    expect(mapped).toMatchObject({
      type: 'core.emailTrigger',
      parameters: {
        mailbox: 'INBOX',
        markAsRead: true,
        format: 'simple',
        downloadAttachments: false,
        attachmentPrefix: 'attachment_',
        search: '["UNSEEN"]',
      },
      credential: { slot: 'imap', n8nType: 'imap' },
    });
    expect(mapped.warnings).toEqual(['imap-polling']);
  });

  it('maps v1 in resolved format with a mailbox and a custom search', () => {
    const mapped = map('n8n-nodes-base.emailReadImap', 1, {
      format: 'resolved',
      mailbox: 'Invoices',
      options: { customEmailConfig: '["ALL"]' },
    });
    expect(mapped.parameters).toMatchObject({ mailbox: 'Invoices', format: 'simple', downloadAttachments: true, search: '["ALL"]' });
    expect(mapped.warnings).toEqual(['email-format', 'imap-polling']);
  });
});

describe('n8n files and commands', () => {
  it('maps Read/Write Files reading by pattern and writing', () => {
    expect(map('n8n-nodes-base.readWriteFile', 1, { options: {}, fileSelector: '={{ $json.fileName }}' }).parameters).toEqual({
      operation: 'read',
      fileSelector: '{{ $json.fileName }}',
    });
    const write = map('n8n-nodes-base.readWriteFile', 1, {
      options: { append: false },
      fileName: './cache.json',
      operation: 'write',
      dataPropertyName: 'file_0',
    });
    expect(write.parameters).toEqual({ operation: 'write', fileName: './cache.json', binaryProperty: 'file_0' });
    expect(write.warnings).toEqual(['files-root']);
  });

  it('maps the older Read Binary File, Read Binary Files and Write Binary File nodes', () => {
    expect(map('n8n-nodes-base.readBinaryFile', 1, { filePath: '/files/customer-[1].xlsx' }).parameters).toEqual({
      operation: 'read',
      fileSelector: '/files/customer-\\[1\\].xlsx',
    });
    expect(map('n8n-nodes-base.readBinaryFiles', 1, { fileSelector: '=./.n8n/*.csv' }).parameters).toEqual({
      operation: 'read',
      fileSelector: './.n8n/*.csv',
    });
    expect(map('n8n-nodes-base.writeBinaryFile', 1, { options: {}, fileName: '=/tmp/{{$binary.data.fileName}}' }).parameters).toMatchObject(
      {
        operation: 'write',
      },
    );
  });

  it('maps Execute Command, once or per item', () => {
    expect(map('n8n-nodes-base.executeCommand', 1, { command: 'ls -la' }).parameters).toEqual({ command: 'ls -la', executeOnce: true });
    const each = map('n8n-nodes-base.executeCommand', 1, { command: '=echo "{{ $json.library }}"', executeOnce: false });
    // The command's expression is converted as every importer string is (see n8n/map-context.ts).
    expect(each.parameters).toMatchObject({ command: expect.stringMatching(/^echo "\{\{.*\$json\.library \}\}"$/), executeOnce: false });
    expect(each.warnings).toEqual(['execute-command']);
  });
});
