// n8n's PayPal node (version 1): its payouts have no equivalent in Flowloom's PayPal node, which the import report says.
import type { MappedNode, NodeMapping } from '@flowloom/engine/n8n';
import { noOperation } from './n8n-parameters.js';

/**
 * n8n's PayPal node offers payouts and payout items only; Flowloom's PayPal node offers orders, payments, invoices
 * and subscriptions. Every node of it stays a placeholder naming the operation, rather than one of a missing kind.
 */
export const payPalMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const resource = ctx.literal<string>('resource', 'string', 'payout');
    const operation = ctx.literal<string>('operation', 'string', 'create');
    return noOperation(ctx, 'PayPal', resource, operation);
  },
};
