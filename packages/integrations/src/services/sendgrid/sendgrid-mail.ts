import type { Item } from '@flowloom/engine';
import { nodeError } from '../../kit/call.js';
import type { ValueSpec } from '../../kit/request-spec.js';
import type { OperationContext } from '../../kit/service-types.js';

type List = string | readonly string[];

export type MailParams = {
  from: string;
  to: List;
  cc?: List | undefined;
  bcc?: List | undefined;
  replyTo?: string | undefined;
  subject?: string | undefined;
  text?: string | undefined;
  html?: string | undefined;
  templateId?: string | undefined;
  dynamicTemplateData?: Record<string, unknown> | undefined;
  attachments?: List | undefined;
  categories?: List | undefined;
};

/** The entries of a list given as a list, or as text separated by commas (a comma inside quotes belongs to a name). */
export function listOf(value: unknown): string[] {
  const parts = typeof value === 'string' ? (value.match(/(?:"[^"]*"|[^,])+/g) ?? []) : Array.isArray(value) ? value.map(String) : [];
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** `Ada Lovelace <ada@example.com>` or `ada@example.com`, as SendGrid's address object. */
function address(text: string): { email: string; name?: string } {
  const match = /^(.*)<([^>]+)>\s*$/.exec(text.trim());
  if (!match) return { email: text.trim() };
  const name = match[1]!.trim().replace(/^"(.*)"$/, '$1');
  return name ? { email: match[2]!.trim(), name } : { email: match[2]!.trim() };
}

function addresses(value: List | undefined): { email: string; name?: string }[] | undefined {
  const list = listOf(value).map(address);
  return list.length > 0 ? list : undefined;
}

/** The item's files named by the `attachments` parameter, as SendGrid's base64 attachments. */
function attachmentsOf(op: OperationContext<MailParams>): { content: string; filename: string; type: string }[] | undefined {
  const properties = listOf(op.params.attachments);
  if (properties.length === 0) return undefined;
  return properties.map((property) => {
    const file = op.item.binary?.[property];
    if (!file?.data) {
      throw nodeError(
        op.ctx,
        `SendGrid mail.send: parameter 'attachments': the item has no binary '${property}' with data.`,
        'PARAMETER_INVALID',
      );
    }
    return { content: file.data, filename: file.fileName ?? property, type: file.mimeType };
  });
}

/**
 * Sends one email through `/v3/mail/send`. Code rather than a request
 * description because attachments come from the item's files and the useful
 * answer is a header: SendGrid accepts with 202, an empty body and `X-Message-Id`.
 */
export async function sendMail(op: OperationContext<MailParams>): Promise<Item[]> {
  const p = op.params;
  const content = [
    ...(p.text !== undefined ? [{ type: 'text/plain', value: p.text }] : []),
    ...(p.html !== undefined ? [{ type: 'text/html', value: p.html }] : []),
  ];
  const categories = listOf(p.categories);
  const hasData = p.dynamicTemplateData !== undefined && Object.keys(p.dynamicTemplateData).length > 0;
  const body = {
    personalizations: [
      {
        to: addresses(p.to),
        cc: addresses(p.cc),
        bcc: addresses(p.bcc),
        dynamic_template_data: hasData ? p.dynamicTemplateData : undefined,
      },
    ],
    from: address(p.from),
    reply_to: p.replyTo ? address(p.replyTo) : undefined,
    subject: p.subject,
    content: content.length > 0 ? content : undefined,
    template_id: p.templateId,
    attachments: attachmentsOf(op),
    categories: categories.length > 0 ? categories : undefined,
  };
  // Unset fields are left out when the request is built.
  const response = await op.request({ method: 'POST', path: '/v3/mail/send', body: body as unknown as ValueSpec });
  return [{ json: { statusCode: response.status, messageId: response.headers.get('x-message-id') } }];
}
