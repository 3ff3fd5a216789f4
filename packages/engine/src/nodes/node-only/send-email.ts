import { z } from 'zod';
import { describeNodeOnly } from './describe-node-only.js';

const addresses = (label: string, placeholder: string, description?: string) =>
  z
    .string()
    .default('')
    .meta({ label, placeholder, ...(description ? { description } : {}) });

/** The Send Email node's parameters. */
export const sendEmailProperties = z.object({
  from: z.string().trim().min(1, 'must not be empty').meta({ label: 'From', placeholder: 'Ada Lovelace <ada@example.com>' }),
  to: z
    .string()
    .trim()
    .min(1, 'must name at least one recipient')
    .meta({ label: 'To', placeholder: 'bob@example.com, Carol <carol@example.com>', description: 'Addresses separated by commas.' }),
  cc: addresses('CC', 'dan@example.com'),
  bcc: addresses('BCC', 'audit@example.com', 'Recipients the others do not see: they get the message, and no header names them.'),
  replyTo: addresses('Reply To', 'support@example.com'),
  subject: z.string().default('').meta({ label: 'Subject' }),
  text: z.string().default('').meta({ label: 'Text', editor: 'multiline', description: 'The plain-text body.' }),
  html: z
    .string()
    .default('')
    .meta({ label: 'HTML', editor: 'html', description: 'The HTML body; with a text body too, mail programs show one of the two.' }),
  attachments: z.string().default('').meta({
    label: 'Attachments',
    placeholder: 'data, invoice',
    description: "Keys of the item's files to attach, separated by commas.",
  }),
});

/** The Send Email node's parameters, defaults applied. */
export type SendEmailParams = z.output<typeof sendEmailProperties>;

/**
 * Send Email (`core.sendEmail`): one message per input item, through the
 * SMTP server of the credential in slot `smtp`. Runs on engines made with
 * `createNodeEngine`.
 */
export const sendEmailDescription = describeNodeOnly({
  type: 'core.sendEmail',
  version: 1,
  displayName: 'Send Email',
  description: 'Sends an email per item through an SMTP server, with CC, BCC, reply-to, a text and an HTML body, and files attached.',
  group: 'integration',
  icon: 'mail',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'smtp', type: 'smtp', required: true }],
  properties: sendEmailProperties,
});
