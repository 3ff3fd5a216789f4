import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { Service } from '../../kit/service-types.js';
import { gmailOAuth2 } from '../google/google-credentials.js';
import { googleError } from '../google/google-error.js';
import { gmailInfo } from './gmail-info.js';
import { isAddressList } from './gmail-mime.js';
import { getEmail, listEmails, replyToEmail, sendEmail } from './gmail-operations.js';

export { gmailOAuth2 };

const addresses = (label: string) =>
  z
    .string()
    .trim()
    .refine(isAddressList, 'must be email addresses separated by commas, such as ada@example.com, Grace <grace@example.com>')
    .meta({ label, placeholder: 'ada@example.com, Grace <grace@example.com>' });
const messageId = z.string().trim().min(1).meta({ label: 'Message ID' });
const labelIds = z
  .array(z.string().trim().min(1))
  .meta({ label: 'Label IDs', description: 'System labels (INBOX, UNREAD, STARRED...) or a label\u2019s ID.' });

/** What every message written has: its bodies, files, sender and copies. */
const content = {
  text: z.string().optional().meta({ label: 'Text', editor: 'multiline' }),
  html: z
    .string()
    .optional()
    .meta({ label: 'HTML', editor: 'multiline', description: 'Sent beside the text, for mail programs that show HTML.' }),
  attachments: z.string().trim().min(1).optional().meta({
    label: 'Attachments',
    placeholder: 'data, invoice',
    description: 'The item\u2019s files to attach, by binary property, comma-separated.',
  }),
  cc: addresses('Cc').optional(),
  bcc: addresses('Bcc').optional(),
  senderName: z.string().trim().min(1).optional().meta({ label: 'Sender name' }),
  from: z
    .string()
    .trim()
    .regex(/^[^<>\s@]+@[^<>\s@]+$/, 'must be an email address')
    .optional()
    .meta({ label: 'From address', description: 'A send-as alias of the account. Default: the account\u2019s address.' }),
};

const service = () => gmail;

/** Gmail: send and reply with attachments, read and search messages, and labels, through the Gmail API v1. */
export const gmail: Service = defineService({
  ...gmailInfo,
  baseUrl: 'https://gmail.googleapis.com/gmail/v1',
  credentials: [gmailOAuth2],
  error: (response) => googleError(response, { id: 'messageId' }),
  resources: {
    message: {
      displayName: 'Message',
      operations: {
        send: {
          displayName: 'Send',
          description: 'An email with text, HTML and the item\u2019s files as attachments.',
          params: z.object({
            to: addresses('To'),
            subject: z.string().meta({ label: 'Subject' }),
            ...content,
            replyTo: z.string().trim().optional().meta({ label: 'Reply to' }),
          }),
          execute: sendEmail(service),
        },
        reply: {
          displayName: 'Reply',
          description: 'In the message\u2019s thread, to its sender (or everyone), threaded by every mail program.',
          params: z.object({
            messageId,
            ...content,
            replyAll: z.boolean().default(false).meta({ label: 'Reply to all', description: 'Copy the message\u2019s other recipients.' }),
          }),
          execute: replyToEmail(service),
        },
        get: {
          displayName: 'Get',
          description: 'A message with its headers, text, HTML and attachments (as the item\u2019s files).',
          params: z.object({
            messageId,
            downloadAttachments: z.boolean().default(true).meta({ label: 'Download attachments' }),
            attachmentPrefix: z
              .string()
              .trim()
              .min(1)
              .default('attachment_')
              .meta({ label: 'Attachment property prefix', description: 'Files go to attachment_0, attachment_1...' }),
          }),
          execute: getEmail,
        },
        list: {
          displayName: 'List and search',
          description: 'Messages matching a Gmail search, newest first.',
          params: z.object({
            searchQuery: z.string().trim().min(1).optional().meta({
              label: 'Search',
              placeholder: 'from:ada@example.com has:attachment newer_than:7d',
              description: 'Gmail\u2019s search syntax.',
            }),
            labelIds: labelIds.optional(),
            includeSpamTrash: z.boolean().default(false).meta({ label: 'Include spam and trash' }),
            details: z.boolean().default(true).meta({ label: 'With headers and snippet', description: 'Else only the IDs.' }),
            returnAll: z
              .boolean()
              .default(false)
              .meta({ label: 'Return all', description: 'Follow every page; otherwise stop at the limit.' }),
            limit: z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most messages to return.' }),
          }),
          execute: listEmails,
        },
        addLabels: {
          displayName: 'Add labels',
          params: z.object({ messageId, labelIds: labelIds.min(1) }),
          request: { method: 'POST', path: '/users/me/messages/{messageId}/modify', body: { addLabelIds: param('labelIds') } },
        },
        removeLabels: {
          displayName: 'Remove labels',
          description: 'Removing UNREAD marks the message read.',
          params: z.object({ messageId, labelIds: labelIds.min(1) }),
          request: { method: 'POST', path: '/users/me/messages/{messageId}/modify', body: { removeLabelIds: param('labelIds') } },
        },
        trash: {
          displayName: 'Move to trash',
          params: z.object({ messageId }),
          request: { method: 'POST', path: '/users/me/messages/{messageId}/trash' },
        },
      },
    },
    label: {
      displayName: 'Label',
      operations: {
        list: {
          displayName: 'List',
          params: z.object({}),
          request: { method: 'GET', path: '/users/me/labels' },
          response: { items: 'labels' },
        },
        create: {
          displayName: 'Create',
          params: z.object({
            name: z.string().trim().min(1).meta({ label: 'Name', placeholder: 'Invoices/2026' }),
            labelListVisibility: z.enum(['labelShow', 'labelShowIfUnread', 'labelHide']).optional().meta({ label: 'In the label list' }),
            messageListVisibility: z.enum(['show', 'hide']).optional().meta({ label: 'In the message list' }),
          }),
          request: {
            method: 'POST',
            path: '/users/me/labels',
            body: {
              name: param('name'),
              labelListVisibility: param('labelListVisibility'),
              messageListVisibility: param('messageListVisibility'),
            },
          },
        },
        delete: {
          displayName: 'Delete',
          params: z.object({ labelId: z.string().trim().min(1).meta({ label: 'Label ID' }) }),
          request: { method: 'DELETE', path: '/users/me/labels/{labelId}' },
        },
      },
    },
  },
});
