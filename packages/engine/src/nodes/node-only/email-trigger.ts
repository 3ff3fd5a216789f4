import { z } from 'zod';
import { describeNodeOnly } from './describe-node-only.js';

/** The Email Trigger's parameters (trigger parameters are literal values). */
export const emailTriggerProperties = z.object({
  mailbox: z
    .string()
    .trim()
    .min(1, 'must name a mailbox')
    .default('INBOX')
    .meta({ label: 'Mailbox', placeholder: 'INBOX', noExpression: true }),
  markAsRead: z.boolean().default(true).meta({
    label: 'Mark as Read',
    description: 'Mark each message read (\\Seen) once the trigger has taken it.',
    noExpression: true,
  }),
  format: z
    .enum(['simple', 'raw'])
    .default('simple')
    .meta({
      label: 'Format',
      noExpression: true,
      options: [
        { value: 'simple', label: 'Simple', description: 'Headers, text and HTML in the item; attachments listed.' },
        { value: 'raw', label: 'Raw', description: 'The message as stored, as an .eml file under "data".' },
      ],
    }),
  downloadAttachments: z
    .boolean()
    .default(false)
    .meta({
      label: 'Download Attachments',
      description: 'Attach the files of each message to its item.',
      noExpression: true,
      displayOptions: { show: { format: ['simple'] } },
    }),
  attachmentPrefix: z
    .string()
    .min(1, 'must not be empty')
    .default('attachment_')
    .meta({
      label: 'Attachment Field Prefix',
      description: 'Files go under the prefix and their index: attachment_0, attachment_1...',
      noExpression: true,
      displayOptions: { show: { downloadAttachments: [true] } },
    }),
  search: z.string().default('["UNSEEN"]').meta({
    label: 'Search',
    editor: 'json',
    description:
      'IMAP search criteria as a JSON list, all of which must match: ["UNSEEN", ["FROM", "billing@example.com"], ["SINCE", "2026-01-31"]].',
    noExpression: true,
  }),
  pollMinutes: z.number().int().min(1).default(1).meta({ label: 'Poll every (minutes)', noExpression: true }),
  maxMessages: z.number().int().min(1).max(500).default(50).meta({
    label: 'Messages per Poll',
    description: 'The most messages one poll takes, oldest first; the next poll goes on from there.',
    noExpression: true,
  }),
});

/** The Email Trigger's parameters, defaults applied. */
export type EmailTriggerParams = z.output<typeof emailTriggerProperties>;

/**
 * Email Trigger (IMAP) (`core.emailTrigger`): polls a mailbox of the
 * credential in slot `imap` and starts a run with each batch of new messages
 * matching its search. Runs on engines made with `createNodeEngine`.
 */
export const emailTriggerDescription = describeNodeOnly({
  type: 'core.emailTrigger',
  version: 1,
  displayName: 'Email Trigger (IMAP)',
  description: 'Starts the workflow with each new email in a mailbox, read over IMAP.',
  group: 'trigger',
  icon: 'mail-open',
  inputs: [],
  outputs: ['main'],
  credentials: [{ name: 'imap', type: 'imap', required: true }],
  properties: emailTriggerProperties,
  poll: {
    intervalMs: (parameters) => {
      const minutes = Number(parameters.pollMinutes ?? 1);
      return Math.max(1, Number.isFinite(minutes) ? minutes : 1) * 60_000;
    },
  },
});
