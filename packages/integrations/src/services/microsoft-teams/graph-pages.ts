import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import type { RequestSpec } from '../../kit/request-spec.js';
import type { OperationContext } from '../../kit/service-types.js';

/** Pages followed at most for one item, as the kit's own pagination does. */
const MAX_PAGES = 1_000;

/** The `returnAll` and `limit` parameters of a Graph list, as the kit gives its paginated operations. */
export const listParams = {
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Follow every page; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most items to return.' }),
};

type ListParams = { returnAll: boolean; limit: number };

/**
 * Lists a Graph collection: one item per entry of `value`, page after page.
 * Graph names the next page's URL in `@odata.nextLink`, a key with a dot in
 * it that the kit's dot-path pagination cannot read, so pages are followed
 * here; each one is still sent through the kit (signing, allowed hosts, rate
 * limits, vendor errors).
 */
export function graphList(spec: RequestSpec): (op: OperationContext<ListParams>) => Promise<Item[]> {
  return async (op) => {
    const limit = op.params.returnAll ? Infinity : op.params.limit;
    const out: Item[] = [];
    let next: string | undefined;
    for (let pages = 0; out.length < limit; pages++) {
      if (pages >= MAX_PAGES) {
        throw nodeError(op.ctx, `Microsoft Teams stopped after ${MAX_PAGES} pages of ${spec.path}.`, 'TOO_MANY_PAGES');
      }
      const page = await op.request(next ? { method: 'GET', path: '' } : spec, next);
      const body = page.body as { value?: Record<string, unknown>[]; '@odata.nextLink'?: string } | undefined;
      for (const json of body?.value ?? []) {
        if (out.length >= limit) break;
        out.push({ json });
      }
      next = body?.['@odata.nextLink'];
      if (!next) break;
    }
    return out;
  };
}
