import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { decodeWords, parseMessage, parseStructured } from './mime-message.js';

/** A message written by nodemailer's composer: an independent MIME writer. */
const compose = (mail: ConstructorParameters<typeof MailComposer>[0]) => new MailComposer(mail).compile().build();

describe('encoded words (the examples of RFC 2047, section 8)', () => {
  it.each([
    ['(=?ISO-8859-1?Q?a?=)', '(a)'],
    ['(=?ISO-8859-1?Q?a?= b)', '(a b)'],
    ['(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['(=?ISO-8859-1?Q?a?=    =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['(=?ISO-8859-1?Q?a_b?=)', '(a b)'],
    ['(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)', '(a b)'],
    ['=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>', 'Keith Moore <moore@cs.utk.edu>'],
    ['=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>', 'Keld Jørn Simonsen <keld@dkuug.dk>'],
    ['=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>', 'André Pirard <PIRARD@vm1.ulg.ac.be>'],
    [
      '=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=',
      'If you can read this you understand the example.',
    ],
  ])('%s', (encoded, decoded) => {
    expect(decodeWords(encoded)).toBe(decoded);
  });
});

describe('parameters (the examples of RFC 2231)', () => {
  it('joins continuations', () => {
    const header = 'message/external-body; access-type=URL; URL*0="ftp://"; URL*1="cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"';
    expect(parseStructured(header)).toEqual({
      value: 'message/external-body',
      params: { 'access-type': 'URL', url: 'ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar' },
    });
  });

  it('decodes a value with a character set and language', () => {
    expect(parseStructured("application/x-stuff; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A").params.title).toBe(
      'This is ***fun***',
    );
  });

  it('joins encoded and plain continuations', () => {
    const header = `application/x-stuff; title*0*=us-ascii'en'This%20is%20even%20more%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2="isn't it!"`;
    expect(parseStructured(header).params.title).toBe("This is even more ***fun*** isn't it!");
  });
});

describe('messages written by nodemailer', () => {
  it('reads the headers, both bodies and the attachments of a full message', async () => {
    const pdf = new Uint8Array(randomBytes(5000));
    const logo = new Uint8Array(randomBytes(700));
    const subject = 'Rapport trimestriel — résultats détaillés pour l’équipe financière et ses partenaires 📈';
    const text = `Ligne accentuée: é à ü\n${'long line '.repeat(30)}\nfin`;
    const source = await compose({
      from: { name: 'Zoë Ångström', address: 'zoe@example.com' },
      to: [{ name: 'Bob', address: 'bob@example.com' }, 'carol@example.com'],
      cc: 'dan@example.com',
      replyTo: 'support@example.com',
      subject,
      messageId: '<abc.123@example.com>',
      date: new Date(Date.UTC(2026, 0, 31, 12, 0, 0)),
      text,
      html: '<p>Résumé <img src="cid:logo@example"></p>',
      attachments: [
        { filename: 'rapport été 2026.pdf', content: Buffer.from(pdf), contentType: 'application/pdf' },
        { filename: 'logo.png', content: Buffer.from(logo), contentType: 'image/png', cid: 'logo@example' },
        { filename: 'notes.txt', content: 'plain notes\n', contentType: 'text/plain' },
      ],
    });
    const message = parseMessage(source);
    expect(message).toMatchObject({
      subject,
      from: 'Zoë Ångström <zoe@example.com>',
      to: 'Bob <bob@example.com>, carol@example.com',
      cc: 'dan@example.com',
      replyTo: 'support@example.com',
      messageId: '<abc.123@example.com>',
      date: '2026-01-31T12:00:00.000Z',
      text,
      html: '<p>Résumé <img src="cid:logo@example"></p>',
    });
    // In the order of the message's parts: the image sits with the HTML it is shown in, before the attached files.
    expect(
      message.attachments.map((a) => ({ fileName: a.fileName, mimeType: a.mimeType, contentId: a.contentId, inline: a.inline })),
    ).toEqual([
      { fileName: 'logo.png', mimeType: 'image/png', contentId: 'logo@example', inline: true },
      { fileName: 'rapport été 2026.pdf', mimeType: 'application/pdf', contentId: undefined, inline: false },
      { fileName: 'notes.txt', mimeType: 'text/plain', contentId: undefined, inline: false },
    ]);
    expect(Buffer.from(message.attachments[0]!.content).equals(Buffer.from(logo))).toBe(true);
    expect(Buffer.from(message.attachments[1]!.content).equals(Buffer.from(pdf))).toBe(true);
    expect(new TextDecoder().decode(message.attachments[2]!.content)).toBe('plain notes\n');
  });

  it('reads a text-only message in another character set', () => {
    // ISO-8859-1: ü is FC, ß is DF, ö is F6.
    const source = Buffer.from(
      'From: a@example.com\r\nSubject: =?ISO-8859-1?Q?Gr=FC=DFe?=\r\nMIME-Version: 1.0\r\n' +
        'Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' +
        'Gr=FC=DFe aus K=F6ln, eine lange Zeile, die umbrochen =\r\nwurde.\r\n',
      'latin1',
    );
    const message = parseMessage(source);
    expect(message.subject).toBe('Grüße');
    expect(message.text).toBe('Grüße aus Köln, eine lange Zeile, die umbrochen wurde.\n');
    expect(message.html).toBeUndefined();
    expect(message.attachments).toEqual([]);
  });

  it('keeps an attached message whole, as an .eml file', async () => {
    const inner = await compose({ from: 'x@example.com', to: 'y@example.com', subject: 'Inner', text: 'inside' });
    const source = await compose({
      from: 'a@example.com',
      to: 'b@example.com',
      subject: 'Fwd',
      text: 'see attached',
      attachments: [{ content: inner, contentType: 'message/rfc822' }],
    });
    const message = parseMessage(source);
    expect(message.text).toBe('see attached');
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]!.mimeType).toBe('message/rfc822');
    expect(parseMessage(message.attachments[0]!.content).subject).toBe('Inner');
  });

  it('reads a message that is not MIME as plain text', () => {
    const message = parseMessage(Buffer.from('From: a@example.com\r\nSubject: old\r\n\r\nhello\r\nthere\r\n', 'latin1'));
    expect(message).toMatchObject({ from: 'a@example.com', subject: 'old', text: 'hello\nthere\n', attachments: [] });
  });
});
