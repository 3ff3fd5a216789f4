import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { RequestSpec, ValueSpec } from '../../kit/request-spec.js';
import type { VendorResponse } from '../../kit/service-types.js';
import { LIVE_HOST, paypalOAuth2 } from './paypal-credentials.js';
import { paypalInfo } from './paypal-info.js';

export { paypalOAuth2 } from './paypal-credentials.js';

const id = (label: string) => z.string().trim().min(1).meta({ label });
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code in upper case, such as USD')
  .meta({ label: 'Currency', placeholder: 'USD' });
const value = z
  .string()
  .regex(/^\d+(\.\d{1,3})?$/, 'must be an amount written with a dot, such as 10.00')
  .meta({ label: 'Amount', placeholder: '10.00' });
const additionalFields = z.record(z.string(), z.unknown()).meta({
  label: 'Additional fields',
  editor: 'json',
  description: 'Other fields of the request body, as PayPal\u2019s reference names them: {"payment_source": {...}}.',
});
const reason = z.string().min(1).max(128).meta({ label: 'Reason' });
const money = (p: Record<string, unknown>) =>
  p['amount'] === undefined ? undefined : { value: p['amount'], currency_code: p['currency'] };
/** A JSON request whose body is built from the parameters (unset fields are left out). */
const post = (path: string, body: Record<string, unknown>): RequestSpec => ({ method: 'POST', path, body: body as ValueSpec });
const extra = (p: Record<string, unknown>) => (p['additionalFields'] as Record<string, unknown> | undefined) ?? {};

/**
 * PayPal answers errors as `{ name, message, details: [{ field, issue, description }] }`;
 * `field` is a JSON pointer into the body (`/purchase_units/0/amount/value`).
 */
function paypalError({ status, body }: VendorResponse) {
  if (status < 400) return undefined;
  const e = (body ?? {}) as {
    name?: string;
    message?: string;
    error?: string;
    error_description?: string;
    details?: { field?: string; issue?: string; description?: string }[];
  };
  const detail = e.details?.[0];
  const field = detail?.field?.split('/').find((part) => part !== '' && part !== 'body');
  return {
    ...((detail?.issue ?? e.name ?? e.error) ? { code: detail?.issue ?? e.name ?? e.error } : {}),
    message: [e.message ?? e.error_description ?? `HTTP ${status}`, detail?.description].filter(Boolean).join(' '),
    ...(field ? { parameter: field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) } : {}),
  };
}

/** PayPal: orders, captured payments and refunds, invoices, subscriptions and payouts, through its REST API. */
export const paypal = defineService({
  ...paypalInfo,
  baseUrl: `https://${LIVE_HOST}`,
  credentials: [paypalOAuth2],
  idempotencyHeader: 'PayPal-Request-Id',
  error: paypalError,
  resources: {
    order: {
      displayName: 'Order',
      operations: {
        create: {
          displayName: 'Create',
          description: 'An order for one purchase unit of the amount given, or for the purchase units written out.',
          params: z
            .object({
              intent: z
                .enum(['CAPTURE', 'AUTHORIZE'])
                .default('CAPTURE')
                .meta({ label: 'Intent', description: 'Capture the payment at once, or authorize now and capture later.' }),
              currency: currency.optional(),
              amount: value.optional(),
              description: z.string().max(127).optional().meta({ label: 'Description' }),
              referenceId: z.string().min(1).max(256).optional().meta({ label: 'Reference ID' }),
              purchaseUnits: z.array(z.record(z.string(), z.unknown())).min(1).optional().meta({
                label: 'Purchase units',
                editor: 'json',
                description: 'Instead of the amount: the purchase units as PayPal names them.',
              }),
              additionalFields: additionalFields.optional(),
            })
            .refine((p) => p['purchaseUnits'] !== undefined || (p['amount'] !== undefined && p['currency'] !== undefined), {
              path: ['amount'],
              message: "and 'currency', or 'purchaseUnits', are required",
            }),
          request: (p) =>
            post('/v2/checkout/orders', {
              intent: p['intent'],
              purchase_units: p['purchaseUnits'] ?? [{ reference_id: p['referenceId'], description: p['description'], amount: money(p) }],
              ...extra(p),
            }),
          idempotent: true,
        },
        get: {
          displayName: 'Get',
          params: z.object({ orderId: id('Order ID') }),
          request: { method: 'GET', path: '/v2/checkout/orders/{orderId}' },
        },
        capture: {
          displayName: 'Capture',
          description: 'Capture the payment of an order the buyer approved.',
          params: z.object({ orderId: id('Order ID') }),
          request: { method: 'POST', path: '/v2/checkout/orders/{orderId}/capture' },
          idempotent: true,
        },
        authorize: {
          displayName: 'Authorize',
          description: 'Authorize the payment of an order the buyer approved, to capture later.',
          params: z.object({ orderId: id('Order ID') }),
          request: { method: 'POST', path: '/v2/checkout/orders/{orderId}/authorize' },
          idempotent: true,
        },
      },
    },
    payment: {
      displayName: 'Payment',
      operations: {
        refund: {
          displayName: 'Refund',
          description: 'Refund a captured payment, wholly or (with an amount) in part.',
          params: z.object({
            captureId: id('Capture ID'),
            amount: value.optional(),
            currency: currency.optional(),
            invoiceId: z.string().min(1).optional().meta({ label: 'Invoice ID' }),
            noteToPayer: z.string().max(255).optional().meta({ label: 'Note to payer' }),
          }),
          request: (p) =>
            post('/v2/payments/captures/{captureId}/refund', {
              amount: money(p),
              invoice_id: param('invoiceId'),
              note_to_payer: param('noteToPayer'),
            }),
          idempotent: true,
        },
        getCapture: {
          displayName: 'Get capture',
          params: z.object({ captureId: id('Capture ID') }),
          request: { method: 'GET', path: '/v2/payments/captures/{captureId}' },
        },
        getRefund: {
          displayName: 'Get refund',
          params: z.object({ refundId: id('Refund ID') }),
          request: { method: 'GET', path: '/v2/payments/refunds/{refundId}' },
        },
        captureAuthorization: {
          displayName: 'Capture authorization',
          params: z.object({ authorizationId: id('Authorization ID'), amount: value.optional(), currency: currency.optional() }),
          request: (p) => post('/v2/payments/authorizations/{authorizationId}/capture', { amount: money(p) }),
          idempotent: true,
        },
        voidAuthorization: {
          displayName: 'Void authorization',
          params: z.object({ authorizationId: id('Authorization ID') }),
          request: { method: 'POST', path: '/v2/payments/authorizations/{authorizationId}/void' },
        },
      },
    },
    invoice: {
      displayName: 'Invoice',
      operations: {
        create: {
          displayName: 'Create draft',
          params: z.object({
            currency,
            recipientEmail: z.string().min(3).meta({ label: 'Recipient email' }),
            items: z.array(z.record(z.string(), z.unknown())).min(1).meta({
              label: 'Items',
              editor: 'json',
              placeholder: '[{"name": "Setup", "quantity": "1", "unit_amount": {"currency_code": "USD", "value": "50.00"}}]',
            }),
            invoiceNumber: z
              .string()
              .min(1)
              .max(127)
              .optional()
              .meta({ label: 'Invoice number', description: 'Default: PayPal\u2019s next number.' }),
            note: z.string().max(4000).optional().meta({ label: 'Note to recipient' }),
            paymentTerm: z
              .enum(['DUE_ON_RECEIPT', 'NET_10', 'NET_15', 'NET_30', 'NET_45', 'NET_60', 'NET_90'])
              .optional()
              .meta({ label: 'Payment term' }),
            additionalFields: additionalFields.optional(),
          }),
          request: (p) =>
            post('/v2/invoicing/invoices', {
              detail: {
                currency_code: param('currency'),
                invoice_number: param('invoiceNumber'),
                note: param('note'),
                payment_term: p['paymentTerm'] === undefined ? undefined : { term_type: p['paymentTerm'] },
              },
              primary_recipients: [{ billing_info: { email_address: param('recipientEmail') } }],
              items: param('items'),
              ...extra(p),
            }),
          idempotent: true,
        },
        get: {
          displayName: 'Get',
          params: z.object({ invoiceId: id('Invoice ID') }),
          request: { method: 'GET', path: '/v2/invoicing/invoices/{invoiceId}' },
        },
        list: {
          displayName: 'List',
          params: z.object({}),
          request: { method: 'GET', path: '/v2/invoicing/invoices', query: { total_required: 'true' } },
          paginate: {
            type: 'page',
            page: { in: 'query', name: 'page', start: 1 },
            pageSize: { in: 'query', name: 'page_size', value: 100 },
          },
          response: { items: 'items' },
        },
        send: {
          displayName: 'Send',
          params: z.object({
            invoiceId: id('Invoice ID'),
            subject: z.string().max(4000).optional().meta({ label: 'Subject' }),
            note: z.string().max(4000).optional().meta({ label: 'Note to recipient' }),
            sendToRecipient: z.boolean().default(true).meta({ label: 'Email the recipient' }),
          }),
          request: {
            method: 'POST',
            path: '/v2/invoicing/invoices/{invoiceId}/send',
            body: { subject: param('subject'), note: param('note'), send_to_recipient: param('sendToRecipient') },
          },
          idempotent: true,
        },
        cancel: {
          displayName: 'Cancel',
          description: 'Cancel a sent invoice, telling the recipient.',
          params: z.object({ invoiceId: id('Invoice ID'), note: z.string().max(4000).optional().meta({ label: 'Note to recipient' }) }),
          request: {
            method: 'POST',
            path: '/v2/invoicing/invoices/{invoiceId}/cancel',
            body: { note: param('note'), send_to_recipient: true },
          },
        },
        delete: {
          displayName: 'Delete draft',
          params: z.object({ invoiceId: id('Invoice ID') }),
          request: { method: 'DELETE', path: '/v2/invoicing/invoices/{invoiceId}' },
        },
      },
    },
    subscription: {
      displayName: 'Subscription',
      operations: {
        create: {
          displayName: 'Create',
          description: 'A subscription to a plan; the buyer approves it at the "approve" link of the answer.',
          params: z.object({
            planId: id('Plan ID'),
            subscriberEmail: z.string().min(3).optional().meta({ label: 'Subscriber email' }),
            quantity: z.string().regex(/^\d+$/, 'must be a whole number').optional().meta({ label: 'Quantity' }),
            customId: z.string().max(127).optional().meta({ label: 'Custom ID', description: 'Your own reference.' }),
            startTime: z.string().optional().meta({ label: 'Start time', placeholder: '2026-07-01T00:00:00Z' }),
            additionalFields: additionalFields.optional(),
          }),
          request: (p) =>
            post('/v1/billing/subscriptions', {
              plan_id: param('planId'),
              quantity: param('quantity'),
              custom_id: param('customId'),
              start_time: param('startTime'),
              subscriber: p['subscriberEmail'] === undefined ? undefined : { email_address: param('subscriberEmail') },
              ...extra(p),
            }),
          idempotent: true,
        },
        get: {
          displayName: 'Get',
          params: z.object({ subscriptionId: id('Subscription ID') }),
          request: { method: 'GET', path: '/v1/billing/subscriptions/{subscriptionId}' },
        },
        cancel: {
          displayName: 'Cancel',
          params: z.object({ subscriptionId: id('Subscription ID'), reason }),
          request: { method: 'POST', path: '/v1/billing/subscriptions/{subscriptionId}/cancel', body: { reason: param('reason') } },
        },
        suspend: {
          displayName: 'Suspend',
          params: z.object({ subscriptionId: id('Subscription ID'), reason }),
          request: { method: 'POST', path: '/v1/billing/subscriptions/{subscriptionId}/suspend', body: { reason: param('reason') } },
        },
        activate: {
          displayName: 'Activate',
          params: z.object({ subscriptionId: id('Subscription ID'), reason: reason.optional() }),
          request: { method: 'POST', path: '/v1/billing/subscriptions/{subscriptionId}/activate', body: { reason: param('reason') } },
        },
        listPlans: {
          displayName: 'List plans',
          params: z.object({ productId: z.string().min(1).optional().meta({ label: 'Product ID' }) }),
          request: { method: 'GET', path: '/v1/billing/plans', query: { product_id: param('productId'), total_required: 'true' } },
          paginate: {
            type: 'page',
            page: { in: 'query', name: 'page', start: 1 },
            pageSize: { in: 'query', name: 'page_size', value: 20 },
          },
          response: { items: 'plans' },
        },
      },
    },
    payout: {
      displayName: 'Payout',
      operations: {
        create: {
          displayName: 'Create',
          description: 'A batch payout: the amount given to one receiver, or the payout items written out (up to 15,000).',
          params: z
            .object({
              senderBatchId: z.string().trim().min(1).max(256).meta({
                label: 'Sender batch ID',
                description: 'Your own ID of the batch; PayPal refuses an ID used in the last 30 days, so a batch is never paid twice.',
              }),
              recipientType: z.enum(['EMAIL', 'PHONE', 'PAYPAL_ID']).default('EMAIL').meta({
                label: 'Recipient type',
                description: 'How receivers are named (an email address, a phone number, a PayPal account ID), for items that do not say.',
              }),
              receiver: z.string().trim().min(1).max(127).optional().meta({ label: 'Receiver', placeholder: 'ada@example.com' }),
              amount: value.optional(),
              currency: currency.optional(),
              payoutItems: z.array(z.record(z.string(), z.unknown())).min(1).max(15000).optional().meta({
                label: 'Payout items',
                editor: 'json',
                description: 'Instead of the receiver: the payout items as PayPal names them.',
                placeholder: '[{"receiver": "ada@example.com", "amount": {"value": "9.87", "currency": "USD"}, "sender_item_id": "A-1"}]',
              }),
              emailSubject: z.string().max(255).optional().meta({ label: 'Email subject' }),
              emailMessage: z.string().max(1000).optional().meta({ label: 'Email message' }),
              note: z.string().max(1000).optional().meta({ label: 'Note to recipients' }),
              additionalFields: additionalFields.optional(),
            })
            .refine(
              (p) =>
                p['payoutItems'] !== undefined || (p['receiver'] !== undefined && p['amount'] !== undefined && p['currency'] !== undefined),
              { path: ['payoutItems'], message: "or 'receiver', 'amount' and 'currency', are required" },
            ),
          request: (p) =>
            post('/v1/payments/payouts', {
              sender_batch_header: {
                sender_batch_id: param('senderBatchId'),
                recipient_type: param('recipientType'),
                email_subject: param('emailSubject'),
                email_message: param('emailMessage'),
                note: param('note'),
              },
              items: p['payoutItems'] ?? [{ receiver: p['receiver'], amount: { value: p['amount'], currency: p['currency'] } }],
              ...extra(p),
            }),
          idempotent: true,
        },
        get: {
          displayName: 'Get items',
          description: 'The items of a batch payout, each with its transaction status.',
          params: z.object({ payoutBatchId: id('Payout batch ID') }),
          request: { method: 'GET', path: '/v1/payments/payouts/{payoutBatchId}' },
          paginate: {
            type: 'page',
            page: { in: 'query', name: 'page', start: 1 },
            pageSize: { in: 'query', name: 'page_size', value: 1000 },
          },
          response: { items: 'items' },
        },
      },
    },
    payoutItem: {
      displayName: 'Payout item',
      operations: {
        get: {
          displayName: 'Get',
          params: z.object({ payoutItemId: id('Payout item ID') }),
          request: { method: 'GET', path: '/v1/payments/payouts-item/{payoutItemId}' },
        },
        cancel: {
          displayName: 'Cancel',
          description: 'Cancel a payout item its receiver has not claimed, returning the money to the sender.',
          params: z.object({ payoutItemId: id('Payout item ID') }),
          request: { method: 'POST', path: '/v1/payments/payouts-item/{payoutItemId}/cancel' },
        },
      },
    },
  },
});
