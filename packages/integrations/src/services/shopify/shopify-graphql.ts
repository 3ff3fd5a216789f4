// How a Shopify operation runs: one GraphQL document and its variables, with Shopify's cost-based rate limit
// (THROTTLED answers and the throttle status in `extensions.cost`), connections read page by page through
// `pageInfo`, and mutation `userErrors` turned into node errors naming the parameter.
import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import { valueAt } from '../../kit/paginate.js';
import type { OperationContext } from '../../kit/service-types.js';

/** A Shopify operation as data: its document, its variables, and where its answer is. */
export interface GraphqlOperation {
  /** `product.list`, for messages. */
  name: string;
  query: string;
  variables?: (params: Record<string, unknown>) => Record<string, unknown>;
  /** Where the result is below `data` (`products`, `productCreate`, `inventoryItem.inventoryLevels`). */
  result: string;
  /** The result is a connection: its `nodes` are the items, read page by page (`first`, `after`). */
  connection?: boolean;
  /** A mutation payload: the item is this field of it (`product`), and its `userErrors` fail the item. */
  payload?: string;
  /** The parameter naming what a `get` looks up, for "not found". */
  lookup?: string;
  /** Parameters a `userErrors` field names by another name (`input.emailAddress` → `email`). */
  fields?: Record<string, string>;
}

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { requestedQueryCost?: number; throttleStatus?: { currentlyAvailable?: number; restoreRate?: number } } };
}

/** The most nodes Shopify returns per page. */
const MAX_PAGE = 250;
const MAX_THROTTLED_TRIES = 3;
const MAX_PAGES = 1_000;

/** The list operations' `Return all` and `Limit`, as the kit's paged operations have them. */
export const pageParams = {
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Follow every page; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most items to return.' }),
};

/** Milliseconds until the store's bucket holds `cost` points again, from the answer's throttle status. */
export function waitForCost(answer: GraphqlAnswer, cost?: number): number {
  const status = answer.extensions?.cost?.throttleStatus;
  const needed = cost ?? answer.extensions?.cost?.requestedQueryCost ?? 0;
  if (!status?.restoreRate || status.currentlyAvailable === undefined) return 1000;
  return Math.max(1000, Math.ceil((needed - status.currentlyAvailable) / status.restoreRate) * 1000);
}

/** Sends one document; a THROTTLED answer waits (on the engine's clock) as its throttle status says, then tries again. */
async function send(op: OperationContext<Record<string, unknown>>, def: GraphqlOperation, variables: Record<string, unknown>) {
  for (let attempt = 0; ; attempt++) {
    const response = await op.request({ method: 'POST', path: '/graphql.json', body: { query: def.query, variables } as never });
    const answer = (response.body ?? {}) as GraphqlAnswer;
    const throttled = answer.errors?.some((e) => e.extensions?.code === 'THROTTLED');
    if (throttled && attempt < MAX_THROTTLED_TRIES) {
      const waitMs = waitForCost(answer);
      op.ctx.logger.info(`Shopify ${def.name}: throttled; trying again in ${waitMs} ms.`);
      await op.ctx.sleep(waitMs);
      continue;
    }
    if (answer.errors?.length) {
      const code = answer.errors.find((e) => e.extensions?.code)?.extensions?.code;
      throw nodeError(
        op.ctx,
        `Shopify ${def.name} failed: ${code ? `${code}: ` : ''}${answer.errors.map((e) => e.message).join('; ')}`,
        'SERVICE_ERROR',
        undefined,
        throttled === true,
        { service: 'shopify', vendorCode: code, body: answer },
      );
    }
    return answer;
  }
}

/** An operation's `execute`: sends the document (every page of a connection, up to the limit) and makes items of the answer. */
export function graphql(def: GraphqlOperation): (op: OperationContext<Record<string, unknown>>) => Promise<Item[]> {
  return async (op) => {
    const variables = def.variables?.(op.params) ?? {};
    if (!def.connection) {
      const answer = await send(op, def, variables);
      const result = valueAt(answer.data, def.result) as Record<string, unknown> | null | undefined;
      if (result === null || result === undefined) {
        const at = def.lookup ? ` (parameter '${def.lookup}')` : '';
        throw nodeError(op.ctx, `Shopify ${def.name}: no such record${at}.`, 'NOT_FOUND', undefined, false, {
          service: 'shopify',
          body: answer,
        });
      }
      if (def.payload === undefined) return [{ json: result }];
      failOnUserErrors(op, def, result);
      const out = def.payload === '' ? result : result[def.payload];
      return [{ json: (out ?? { success: true }) as Record<string, unknown> }];
    }
    const limit = op.params['returnAll'] === true ? Infinity : Number(op.params['limit'] ?? 50);
    const out: Item[] = [];
    let after: string | undefined;
    for (let pages = 0; out.length < limit; pages++) {
      if (pages >= MAX_PAGES) throw nodeError(op.ctx, `Shopify ${def.name}: stopped after ${MAX_PAGES} pages.`, 'TOO_MANY_PAGES');
      const first = Math.min(MAX_PAGE, limit - out.length);
      const answer = await send(op, def, { ...variables, first, ...(after ? { after } : {}) });
      const page = valueAt(answer.data, def.result) as {
        nodes?: Record<string, unknown>[];
        pageInfo?: { hasNextPage?: boolean; endCursor?: string };
      } | null;
      if (!page) {
        const at = def.lookup ? ` (parameter '${def.lookup}')` : '';
        throw nodeError(op.ctx, `Shopify ${def.name}: no such record${at}.`, 'NOT_FOUND', undefined, false, {
          service: 'shopify',
          body: answer,
        });
      }
      for (const json of page.nodes ?? []) if (out.length < limit) out.push({ json });
      if (!page.pageInfo?.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
      // Shopify's bucket refills at `restoreRate` points a second: wait before a page the bucket cannot pay for.
      const cost = answer.extensions?.cost?.requestedQueryCost ?? 0;
      const available = answer.extensions?.cost?.throttleStatus?.currentlyAvailable;
      if (out.length < limit && available !== undefined && available < cost) await op.ctx.sleep(waitForCost(answer, cost));
    }
    return out;
  };
}

function failOnUserErrors(op: OperationContext<Record<string, unknown>>, def: GraphqlOperation, payload: Record<string, unknown>): void {
  const errors = (payload['userErrors'] ?? []) as { field?: string[] | null; message?: string; code?: string }[];
  if (errors.length === 0) return;
  const field = errors[0]!.field?.join('.');
  const last = errors[0]!.field?.at(-1);
  const parameter = (field && def.fields?.[field]) ?? (last && last in op.params ? last : undefined);
  const listed = errors.map((e) => `${e.field?.join('.') ?? ''}${e.field ? ': ' : ''}${e.message ?? 'invalid'}`).join('; ');
  throw nodeError(
    op.ctx,
    `Shopify ${def.name} failed: ${listed}${parameter ? ` (parameter '${parameter}')` : ''}`,
    'SERVICE_ERROR',
    undefined,
    false,
    { service: 'shopify', vendorCode: errors[0]!.code, parameter, body: payload },
  );
}

/** An ID as Shopify's GraphQL API takes it: a GID, or a number made into one (`gid://shopify/Product/123`). */
export function gid(kind: string, value: unknown): string {
  const text = String(value).trim();
  return /^\d+$/.test(text) ? `gid://shopify/${kind}/${text}` : text;
}
