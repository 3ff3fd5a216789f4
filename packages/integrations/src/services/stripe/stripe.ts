import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { stripeApiKey } from './stripe-credentials.js';
import { stripeInfo } from './stripe-info.js';
import {
  active,
  customerFields,
  customerShape,
  paymentIntentShape,
  productShape,
  additionalFields,
  amount,
  charge,
  currency,
  customer,
  del,
  description,
  expand,
  getById,
  id,
  items,
  list,
  metadata,
  paymentIntent,
  post,
  search,
  stripeError,
} from './stripe-requests.js';

export { stripeApiKey } from './stripe-credentials.js';
/** Stripe: customers, payments, refunds, subscriptions, invoices and the catalog, through the REST API with form bodies. */
export const stripe = defineService({
  ...stripeInfo,
  baseUrl: 'https://api.stripe.com/v1',
  credentials: [stripeApiKey],
  idempotencyHeader: 'Idempotency-Key',
  error: stripeError,
  resources: {
    customer: {
      displayName: 'Customer',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object(customerShape),
          request: post('/customers', customerFields),
          idempotent: true,
        },
        get: getById('/customers'),
        update: { displayName: 'Update', params: z.object({ id, ...customerShape }), request: post('/customers/{id}', customerFields) },
        delete: { displayName: 'Delete', params: z.object({ id }), request: del('/customers/{id}') },
        list: list('/customers', { email: customerShape.email }, ['email']),
        search: search('/customers/search'),
      },
    },
    paymentIntent: {
      displayName: 'Payment intent',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            amount,
            currency,
            customer: customer.optional(),
            paymentMethod: z.string().min(1).optional().meta({ label: 'Payment method ID', placeholder: 'pm_...' }),
            captureMethod: z
              .enum(['automatic', 'automatic_async', 'manual'])
              .optional()
              .meta({ label: 'Capture method', description: 'Manual: authorize now, capture later.' }),
            confirm: z.boolean().optional().meta({ label: 'Confirm now' }),
            ...paymentIntentShape,
          }),
          request: post('/payment_intents', [
            'amount',
            'currency',
            'customer',
            'paymentMethod',
            'captureMethod',
            'confirm',
            'description',
            'receiptEmail',
            'metadata',
          ]),
          idempotent: true,
        },
        get: getById('/payment_intents'),
        update: {
          displayName: 'Update',
          params: z.object({ id, amount: amount.optional(), currency: currency.optional(), ...paymentIntentShape }),
          request: post('/payment_intents/{id}', ['amount', 'currency', 'description', 'receiptEmail', 'metadata']),
        },
        confirm: {
          displayName: 'Confirm',
          params: z.object({
            id,
            paymentMethod: z.string().min(1).optional().meta({ label: 'Payment method ID', placeholder: 'pm_...' }),
            returnUrl: z
              .string()
              .min(1)
              .optional()
              .meta({ label: 'Return URL', description: 'Where a redirect-based payment comes back.' }),
            additionalFields: additionalFields.optional(),
            expand: expand.optional(),
          }),
          request: post('/payment_intents/{id}/confirm', ['paymentMethod', 'returnUrl']),
          idempotent: true,
        },
        capture: {
          displayName: 'Capture',
          params: z.object({
            id,
            amountToCapture: amount.optional().meta({ label: 'Amount to capture', description: 'Default: the whole authorized amount.' }),
            expand: expand.optional(),
          }),
          request: post('/payment_intents/{id}/capture', ['amountToCapture']),
          idempotent: true,
        },
        cancel: {
          displayName: 'Cancel',
          params: z.object({
            id,
            cancellationReason: z
              .enum(['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'])
              .optional()
              .meta({ label: 'Reason' }),
          }),
          request: post('/payment_intents/{id}/cancel', ['cancellationReason']),
        },
        list: list('/payment_intents', { customer: customer.optional() }, ['customer']),
        search: search('/payment_intents/search'),
      },
    },
    charge: {
      displayName: 'Charge',
      operations: {
        get: getById('/charges'),
        update: {
          displayName: 'Update',
          params: z.object({
            id,
            description: description.optional(),
            metadata: metadata.optional(),
            additionalFields: additionalFields.optional(),
          }),
          request: post('/charges/{id}', ['description', 'metadata']),
        },
        list: list('/charges', { customer: customer.optional(), paymentIntent: paymentIntent.optional() }, ['customer', 'paymentIntent']),
        search: search('/charges/search'),
      },
    },
    refund: {
      displayName: 'Refund',
      operations: {
        create: {
          displayName: 'Create',
          description: 'Refund a payment intent or a charge, wholly or in part.',
          params: z
            .object({
              paymentIntent: paymentIntent.optional(),
              charge: charge.optional(),
              amount: amount.optional().meta({ ...amount.meta(), description: 'Default: what is left to refund.' }),
              reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional().meta({ label: 'Reason' }),
              metadata: metadata.optional(),
              additionalFields: additionalFields.optional(),
              expand: expand.optional(),
            })
            .refine((p) => p.paymentIntent !== undefined || p.charge !== undefined, {
              path: ['paymentIntent'],
              message: "or 'charge' is required",
            }),
          request: post('/refunds', ['paymentIntent', 'charge', 'amount', 'reason', 'metadata']),
          idempotent: true,
        },
        get: getById('/refunds'),
        list: list('/refunds', { charge: charge.optional(), paymentIntent: paymentIntent.optional() }, ['charge', 'paymentIntent']),
      },
    },
    subscription: {
      displayName: 'Subscription',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            customer,
            items,
            defaultPaymentMethod: z.string().min(1).optional().meta({ label: 'Default payment method ID', placeholder: 'pm_...' }),
            trialPeriodDays: z.number().int().min(0).optional().meta({ label: 'Trial days' }),
            cancelAtPeriodEnd: z.boolean().optional().meta({ label: 'Cancel at period end' }),
            metadata: metadata.optional(),
            additionalFields: additionalFields.optional(),
            expand: expand.optional(),
          }),
          request: post('/subscriptions', [
            'customer',
            'items',
            'defaultPaymentMethod',
            'trialPeriodDays',
            'cancelAtPeriodEnd',
            'metadata',
          ]),
          idempotent: true,
        },
        get: getById('/subscriptions'),
        update: {
          displayName: 'Update',
          params: z.object({
            id,
            items: items.optional().meta({
              ...items.meta(),
              description: 'An item with "id" changes that item; one without adds a price.',
            }),
            cancelAtPeriodEnd: z.boolean().optional().meta({ label: 'Cancel at period end' }),
            prorationBehavior: z.enum(['create_prorations', 'none', 'always_invoice']).optional().meta({ label: 'Proration' }),
            metadata: metadata.optional(),
            additionalFields: additionalFields.optional(),
            expand: expand.optional(),
          }),
          request: post('/subscriptions/{id}', ['items', 'cancelAtPeriodEnd', 'prorationBehavior', 'metadata']),
        },
        cancel: {
          displayName: 'Cancel',
          description: 'Cancel now; to cancel at the end of the period, update with "Cancel at period end".',
          params: z.object({
            id,
            invoiceNow: z.boolean().optional().meta({ label: 'Invoice now', description: 'Invoice pending usage and prorations now.' }),
            prorate: z.boolean().optional().meta({ label: 'Prorate' }),
          }),
          request: del('/subscriptions/{id}', ['invoiceNow', 'prorate']),
        },
        list: list(
          '/subscriptions',
          {
            customer: customer.optional(),
            price: z.string().min(1).optional().meta({ label: 'Price ID', placeholder: 'price_...' }),
            subscriptionStatus: z
              .enum(['active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'trialing', 'paused', 'all', 'ended'])
              .optional()
              .meta({ label: 'Status' }),
          },
          ['customer', 'price', ['subscriptionStatus', 'status']],
        ),
        search: search('/subscriptions/search'),
      },
    },
    invoice: {
      displayName: 'Invoice',
      operations: {
        create: {
          displayName: 'Create',
          description: 'A draft invoice; add items to it, then finalize and send or pay it.',
          params: z.object({
            customer,
            description: description.optional(),
            collectionMethod: z
              .enum(['charge_automatically', 'send_invoice'])
              .optional()
              .meta({ label: 'Collection method', description: 'Send invoice: the customer pays by the due date.' }),
            daysUntilDue: z.number().int().min(0).optional().meta({ label: 'Days until due' }),
            autoAdvance: z.boolean().optional().meta({ label: 'Finalize automatically' }),
            metadata: metadata.optional(),
            additionalFields: additionalFields.optional(),
            expand: expand.optional(),
          }),
          request: post('/invoices', ['customer', 'description', 'collectionMethod', 'daysUntilDue', 'autoAdvance', 'metadata']),
          idempotent: true,
        },
        addItem: {
          displayName: 'Add item',
          description: 'An invoice item on a draft invoice (or pending, for the customer\u2019s next invoice).',
          params: z
            .object({
              customer,
              invoice: z.string().min(1).optional().meta({ label: 'Invoice ID', placeholder: 'in_...' }),
              price: z.string().min(1).optional().meta({ label: 'Price ID', placeholder: 'price_...' }),
              amount: amount.optional(),
              currency: currency.optional(),
              quantity: z.number().int().min(1).optional().meta({ label: 'Quantity' }),
              description: description.optional(),
              metadata: metadata.optional(),
              additionalFields: additionalFields.optional(),
            })
            .refine((p) => p.price !== undefined || (p.amount !== undefined && p.currency !== undefined), {
              path: ['price'],
              message: "or 'amount' and 'currency' are required",
            }),
          // A price goes as `pricing[price]` since Stripe's 2025 API versions.
          request: (p) =>
            post('/invoiceitems', ['customer', 'invoice', 'pricing', 'amount', 'currency', 'quantity', 'description', 'metadata'])({
              ...p,
              pricing: p['price'] === undefined ? undefined : { price: p['price'] },
            }),
          idempotent: true,
        },
        get: getById('/invoices'),
        finalize: {
          displayName: 'Finalize',
          params: z.object({ id, autoAdvance: z.boolean().optional().meta({ label: 'Finalize automatically' }) }),
          request: post('/invoices/{id}/finalize', ['autoAdvance']),
        },
        pay: {
          displayName: 'Pay',
          params: z.object({
            id,
            paymentMethod: z.string().min(1).optional().meta({ label: 'Payment method ID', placeholder: 'pm_...' }),
            paidOutOfBand: z.boolean().optional().meta({ label: 'Paid outside Stripe' }),
          }),
          request: post('/invoices/{id}/pay', ['paymentMethod', 'paidOutOfBand']),
          idempotent: true,
        },
        send: { displayName: 'Send', params: z.object({ id }), request: post('/invoices/{id}/send') },
        void: { displayName: 'Void', params: z.object({ id }), request: post('/invoices/{id}/void') },
        list: list(
          '/invoices',
          {
            customer: customer.optional(),
            subscription: z.string().min(1).optional().meta({ label: 'Subscription ID', placeholder: 'sub_...' }),
            invoiceStatus: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).optional().meta({ label: 'Status' }),
          },
          ['customer', 'subscription', ['invoiceStatus', 'status']],
        ),
        search: search('/invoices/search'),
      },
    },
    product: {
      displayName: 'Product',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({ name: z.string().min(1).meta({ label: 'Name' }), ...productShape }),
          request: post('/products', ['name', 'description', 'active', 'metadata']),
          idempotent: true,
        },
        get: getById('/products'),
        update: {
          displayName: 'Update',
          params: z.object({ id, name: z.string().min(1).optional().meta({ label: 'Name' }), ...productShape }),
          request: post('/products/{id}', ['name', 'description', 'active', 'metadata']),
        },
        delete: { displayName: 'Delete', params: z.object({ id }), request: del('/products/{id}') },
        list: list('/products', { active: active.optional() }, ['active']),
        search: search('/products/search'),
      },
    },
    price: {
      displayName: 'Price',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            currency,
            unitAmount: amount.optional().meta({ ...amount.meta(), label: 'Unit amount' }),
            product: z.string().min(1).optional().meta({ label: 'Product ID', placeholder: 'prod_...' }),
            recurringInterval: z
              .enum(['day', 'week', 'month', 'year'])
              .optional()
              .meta({ label: 'Billing interval', description: 'Leave empty for a one-time price.' }),
            recurringIntervalCount: z.number().int().min(1).optional().meta({ label: 'Intervals between bills' }),
            nickname: z.string().optional().meta({ label: 'Nickname' }),
            metadata: metadata.optional(),
            additionalFields: additionalFields.optional(),
            expand: expand.optional(),
          }),
          request: (p) =>
            post('/prices', ['currency', 'unitAmount', 'product', 'recurring', 'nickname', 'metadata'])({
              ...p,
              recurring:
                p['recurringInterval'] === undefined
                  ? undefined
                  : { interval: p['recurringInterval'], interval_count: p['recurringIntervalCount'] },
            }),
          idempotent: true,
        },
        get: getById('/prices'),
        update: {
          displayName: 'Update',
          params: z.object({
            id,
            active: active.optional(),
            nickname: z.string().optional().meta({ label: 'Nickname' }),
            metadata: metadata.optional(),
            additionalFields: additionalFields.optional(),
            expand: expand.optional(),
          }),
          request: post('/prices/{id}', ['active', 'nickname', 'metadata']),
        },
        list: list(
          '/prices',
          {
            product: z.string().min(1).optional().meta({ label: 'Product ID', placeholder: 'prod_...' }),
            active: active.optional(),
            priceType: z.enum(['one_time', 'recurring']).optional().meta({ label: 'Type' }),
          },
          ['product', 'active', ['priceType', 'type']],
        ),
        search: search('/prices/search'),
      },
    },
  },
});
