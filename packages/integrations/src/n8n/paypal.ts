// n8n's PayPal node (version 1) as Flowloom's PayPal node: batch payouts created and read, payout items read and
// cancelled.
import { compact, type MapContext, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { jsonTemplate, noOperation, slotFor } from './n8n-parameters.js';

/** n8n's recipient types as PayPal's `recipient_type`. */
const RECIPIENT_TYPES = { email: 'EMAIL', phone: 'PHONE', paypalId: 'PAYPAL_ID' } as const;
/** n8n's recipient wallets as PayPal's `recipient_wallet`. */
const WALLETS = { paypal: 'PAYPAL', venmo: 'VENMO' } as const;

/**
 * n8n's payout items, from its form (`itemsUi`) or as JSON (`itemsJson`), as PayPal's `items`. n8n sends an empty
 * note or sender item ID as `''` and the amount as a number; Flowloom leaves the empty ones out and sends the amount
 * as written, the text PayPal's reference asks for.
 */
function payoutItems(ctx: MapContext): unknown {
  if (ctx.literal('jsonParameters', 'boolean', false)) {
    ctx.ignore('itemsUi');
    return jsonTemplate(ctx, 'itemsJson');
  }
  ctx.ignore('itemsJson');
  const rows = ctx.rows('itemsUi.itemsValues', ['receiverValue', 'amount', 'note', 'senderItemId']);
  if (rows.length === 0) return undefined;
  return rows.map((i) => {
    const at = `itemsUi.itemsValues[${i}]`;
    const type = ctx.choice(`${at}.recipientType`, ['email', 'phone', 'paypalId'], 'email');
    const wallet = ctx.choice(`${at}.recipientWallet`, ['paypal', 'venmo'], 'paypal');
    const text = (name: string) => {
      const v = ctx.value(`${at}.${name}`, undefined, { asText: true });
      return v === '' ? undefined : v;
    };
    return compact({
      recipient_type: RECIPIENT_TYPES[type],
      receiver: text('receiverValue'),
      amount: { value: text('amount'), currency: ctx.value(`${at}.currency`, 'USD', { asText: true }) },
      note: text('note'),
      sender_item_id: text('senderItemId'),
      recipient_wallet: WALLETS[wallet],
    });
  });
}

function createPayout(ctx: MapContext): Record<string, unknown> {
  const a = 'additionalFields';
  return compact({
    resource: 'payout',
    operation: 'create',
    senderBatchId: ctx.value('senderBatchId', undefined, { asText: true }),
    payoutItems: payoutItems(ctx),
    emailSubject: ctx.value(`${a}.emailSubject`, undefined, { asText: true }),
    emailMessage: ctx.value(`${a}.emailMessage`, undefined, { asText: true }),
    note: ctx.value(`${a}.note`, undefined, { asText: true }),
  });
}

/** n8n's payout get: the batch's items, every page or up to its limit (100 unless set). */
function getPayout(ctx: MapContext): Record<string, unknown> {
  const returnAll = ctx.literal('returnAll', 'boolean', false);
  return {
    resource: 'payout',
    operation: 'get',
    payoutBatchId: ctx.value('payoutBatchId', undefined, { asText: true }),
    ...(returnAll ? { returnAll: true } : { limit: ctx.literal('limit', 'number', 100) }),
  };
}

/** n8n's default operation of each resource. */
const DEFAULT_OPERATION: Record<string, string> = { payout: 'create', payoutItem: 'get' };

/**
 * n8n's PayPal node: payouts (create, get) and payout items (get, cancel), each the Flowloom PayPal node's operation
 * of the same name, with n8n's PayPal API credential in the node's client-credentials slot.
 */
export const payPalMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const resource = ctx.literal<string>('resource', 'string', 'payout');
    const operation = ctx.literal<string>('operation', 'string', DEFAULT_OPERATION[resource] ?? 'get');
    let parameters: Record<string, unknown>;
    if (resource === 'payout' && operation === 'create') parameters = createPayout(ctx);
    else if (resource === 'payout' && operation === 'get') parameters = getPayout(ctx);
    else if (resource === 'payoutItem' && (operation === 'get' || operation === 'cancel')) {
      parameters = { resource, operation, payoutItemId: ctx.value('payoutItemId', undefined, { asText: true }) };
    } else noOperation(ctx, 'PayPal', resource, operation);
    return { type: 'integrations.paypal', parameters, credential: slotFor('paypalOAuth2Api', 'payPalApi') };
  },
};
