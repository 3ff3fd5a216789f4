// n8n's Stripe node (version 1) as Flowloom's Stripe node: customers created and read.
import { compact, type MapContext, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { noOperation, slotFor } from './n8n-parameters.js';

const ADDRESS_FIELDS = ['city', 'country', 'line1', 'line2', 'postal_code', 'state'];

/** n8n's address form (`details`) as Stripe's address object. */
function address(ctx: MapContext, path: string): Record<string, unknown> | undefined {
  const details = ctx.raw(`${path}.details`);
  if (details === undefined) return undefined;
  if (typeof details !== 'object' || details === null) ctx.fail(`${path}.details`, 'expected the address fields');
  for (const key of Object.keys(details)) {
    if (!ADDRESS_FIELDS.includes(key)) ctx.fail(`${path}.details.${key}`, `Stripe's addresses have no field '${key}'`);
  }
  return compact(Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, ctx.value(`${path}.details.${f}`, undefined, { asText: true })])));
}

/** n8n's metadata rows as Stripe's metadata object. */
function metadata(ctx: MapContext, path: string): Record<string, unknown> | undefined {
  const rows = ctx.rows(`${path}.metadataProperties`, ['key', 'value']);
  if (rows.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const i of rows) {
    const key = ctx.literal<string>(`${path}.metadataProperties[${i}].key`, 'string', '');
    out[key] = ctx.value(`${path}.metadataProperties[${i}].value`, '', { asText: true });
  }
  return out;
}

function createCustomer(ctx: MapContext): Record<string, unknown> {
  const a = 'additionalFields';
  ctx.onlyDefault(`${a}.shipping`);
  const billing = address(ctx, `${a}.address`);
  return compact({
    resource: 'customer',
    operation: 'create',
    name: ctx.value('name', undefined, { asText: true }),
    email: ctx.value(`${a}.email`, undefined, { asText: true }),
    description: ctx.value(`${a}.description`, undefined, { asText: true }),
    phone: ctx.value(`${a}.phone`, undefined, { asText: true }),
    metadata: metadata(ctx, `${a}.metadata`),
    additionalFields: billing ? { address: billing } : undefined,
  });
}

/** n8n's default operation of each resource. */
const DEFAULT_OPERATION: Record<string, string> = { balance: 'get', customer: 'get' };

/** n8n's Stripe node: customers created and read; other operations have no mapping yet. */
export const stripeMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const resource = ctx.literal<string>('resource', 'string', 'balance');
    const operation = ctx.literal<string>('operation', 'string', DEFAULT_OPERATION[resource] ?? 'create');
    let parameters: Record<string, unknown>;
    if (resource === 'customer' && operation === 'create') parameters = createCustomer(ctx);
    else if (resource === 'customer' && operation === 'get') {
      parameters = { resource, operation, id: ctx.value('customerId', undefined, { asText: true }) };
    } else noOperation(ctx, 'Stripe', resource, operation);
    return { type: 'integrations.stripe', parameters, credential: slotFor('stripeApi') };
  },
};
