import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../../../binary/bytes.js';
import { messageItem } from './message-item.js';

const compose = (mail: ConstructorParameters<typeof MailComposer>[0]) => new MailComposer(mail).compile().build();

describe('the item of a message', () => {
  const source = compose({
    from: 'Ada <ada@example.com>',
    to: 'bob@example.com',
    subject: 'Invoice 7',
    messageId: '<m7@example.com>',
    date: new Date(Date.UTC(2026, 1, 2, 3, 4, 5)),
    text: 'Please find it attached.',
    html: '<p>Please find it attached.</p>',
    attachments: [{ filename: 'invoice.csv', content: 'a,b\n1,2\n', contentType: 'text/csv' }],
  });
  const fetched = async () => ({
    uid: 12,
    source: new Uint8Array(await source),
    flags: ['\\Seen'],
    internalDate: '2026-02-02T03:04:09.000Z',
  });

  it('holds the headers and bodies, and lists the attachments without their bytes', async () => {
    const item = messageItem(await fetched(), { format: 'simple', downloadAttachments: false, attachmentPrefix: 'attachment_' });
    expect(item).toEqual({
      json: {
        uid: 12,
        messageId: '<m7@example.com>',
        date: '2026-02-02T03:04:05.000Z',
        subject: 'Invoice 7',
        from: 'Ada <ada@example.com>',
        to: 'bob@example.com',
        cc: '',
        replyTo: '',
        textPlain: 'Please find it attached.',
        textHtml: '<p>Please find it attached.</p>',
        flags: ['\\Seen'],
        attachments: [{ fileName: 'invoice.csv', mimeType: 'text/csv', size: 8, inline: false }],
      },
    });
  });

  it('attaches the files under the prefix and their index when asked', async () => {
    const item = messageItem(await fetched(), { format: 'simple', downloadAttachments: true, attachmentPrefix: 'file_' });
    expect(item.json.attachments).toEqual([
      { fileName: 'invoice.csv', mimeType: 'text/csv', size: 8, inline: false, binaryProperty: 'file_0' },
    ]);
    expect(item.binary?.file_0).toMatchObject({ mimeType: 'text/csv', fileName: 'invoice.csv', fileExtension: 'csv', fileSize: 8 });
    expect(new TextDecoder().decode(fromBase64(item.binary!.file_0!.data!))).toBe('a,b\n1,2\n');
  });

  it('gives the message as stored in raw format', async () => {
    const message = await fetched();
    const item = messageItem(message, { format: 'raw', downloadAttachments: false, attachmentPrefix: 'attachment_' });
    expect(item.json).toEqual({ uid: 12, flags: ['\\Seen'], size: message.source.length, date: '2026-02-02T03:04:09.000Z' });
    expect(item.binary?.data).toMatchObject({ mimeType: 'message/rfc822', fileName: 'message-12.eml', fileExtension: 'eml' });
    expect(Buffer.from(fromBase64(item.binary!.data!.data!)).equals(Buffer.from(message.source))).toBe(true);
  });
});
