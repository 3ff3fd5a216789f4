import { defineNode, FlowloomError, type Item, type NodeContext, type NodeType } from '@flowloom/engine';
import { z } from 'zod';
import { fetchItems } from './runtime.js';
import type { PaginationSpec, RequestSpec } from './request-spec.js';
import { valueAt } from './paginate.js';
import type { ServiceDefinition } from './service-types.js';

/** A service's "new record" trigger that asks the service at an interval, as data: what `definePollingTrigger` takes. */
export interface PollingTriggerDefinition<S extends z.ZodObject<z.ZodRawShape> = z.ZodObject<z.ZodRawShape>> {
  /** The node type is `integrations.<id>` (`mailchimpNewMember`). */
  id: string;
  displayName: string;
  description?: string;
  icon: string;
  docsUrl: string;
  /** The service whose base URL, credentials, vendor errors and rate limits the requests use. */
  service: ServiceDefinition;
  /** The user's parameters (an audience id); the kit adds how often to poll. */
  params: S;
  /**
   * The request for records whose `cursorField` is at or after `since`, oldest
   * first; with `since` undefined (the first poll, and a manual run), the
   * newest few records, any order.
   */
  request(params: z.output<S>, since: string | number | undefined): RequestSpec;
  /** How pages follow each other; every page is read when polling since a cursor. */
  paginate?: PaginationSpec;
  /** Where the records are in an answer (`members`). */
  items: string;
  /** A field whose value only grows as records are added: an ISO 8601 time or a number. The cursor is the greatest seen. */
  cursorField: string;
  /** Whether `cursorField` holds ISO 8601 times (the default) or numbers. */
  cursorKind?: 'time' | 'number';
  /** A field naming a record, so records seen at the cursor's own value are not put out twice. */
  idField: string;
  /** Minutes between polls, by default (5). */
  defaultMinutes?: number;
}

/** Where a poll left off: the greatest cursor value seen, and the records seen at exactly that value. */
interface Cursor {
  since: string | number;
  seen: string[];
}

function isCursor(value: unknown): value is Cursor {
  return typeof value === 'object' && value !== null && 'since' in value && Array.isArray((value as Cursor).seen);
}

/** Orders cursor values: numbers as numbers, times as instants (whatever their offset), other text as text. */
function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const ta = typeof a === 'string' ? Date.parse(a) : NaN;
  const tb = typeof b === 'string' ? Date.parse(b) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Builds a polling trigger: at the chosen interval the engine asks the
 * service for records since the cursor kept in its trigger state, and runs
 * the workflow with the new ones, oldest first. The first poll after
 * activation only notes where the service stands, so turning a workflow on
 * does not replay the account's history. A manual run puts out the newest
 * records, so the user sees real data while building the workflow.
 */
export function definePollingTrigger<S extends z.ZodObject<z.ZodRawShape>>(definition: PollingTriggerDefinition<S>): NodeType {
  if (definition.service.credentials.length === 0) {
    throw new FlowloomError('SERVICE_INVALID', `Polling trigger '${definition.id}' needs a service with a credential type.`);
  }
  const properties = definition.params.extend({
    pollMinutes: z
      .number()
      .int()
      .min(1)
      .default(definition.defaultMinutes ?? 5)
      .meta({
        label: 'Poll every (minutes)',
        noExpression: true,
        description: `How often to ask ${definition.service.displayName} for new records.`,
      }),
  });
  const label = definition.displayName;

  const read = async (ctx: NodeContext, since: string | number | undefined): Promise<Record<string, unknown>[]> => {
    const params = ctx.params(0) as z.output<S>;
    const request = definition.request(params, since);
    const items = await fetchItems(
      definition.service,
      ctx,
      label,
      {
        displayName: label,
        params: definition.params,
        request,
        response: { items: definition.items },
        // The first poll and a manual run read one page of the newest records; a poll since a cursor reads them all.
        ...(definition.paginate && since !== undefined ? { paginate: definition.paginate } : {}),
      },
      params,
    );
    return items.map((item) => item.json);
  };
  const valueOf = (record: Record<string, unknown>): string | number | undefined => {
    const v = valueAt(record, definition.cursorField);
    return (typeof v === 'string' && v !== '') || typeof v === 'number' ? v : undefined;
  };
  const idOf = (record: Record<string, unknown>) => String(valueAt(record, definition.idField));

  return defineNode({
    type: `integrations.${definition.id}`,
    version: 1,
    displayName: definition.displayName,
    description: definition.description ?? `Starts the workflow with each new record ${definition.service.displayName} has.`,
    group: 'trigger',
    icon: definition.icon,
    inputs: [],
    outputs: ['main'],
    properties,
    credentials: definition.service.credentials.map((type) => ({ name: type.name, type: type.name, required: false })),
    poll: {
      intervalMs: (p) => Number(p['pollMinutes'] ?? definition.defaultMinutes ?? 5) * 60_000,
      async poll(ctx, cursor) {
        const previous = isCursor(cursor) ? cursor : undefined;
        const records = await read(ctx, previous?.since);
        const fresh = records
          .filter((r) => {
            const v = valueOf(r);
            if (v === undefined) return false;
            if (!previous) return true;
            const order = compareValues(v, previous.since);
            return order > 0 || (order === 0 && !previous.seen.includes(idOf(r)));
          })
          .sort((a, b) => compareValues(valueOf(a)!, valueOf(b)!));
        const last = fresh.at(-1);
        // A service with no records yet: every record it gets from now on is new.
        if (!last)
          return { items: [], cursor: previous ?? { since: definition.cursorKind === 'number' ? 0 : new Date(0).toISOString(), seen: [] } };
        const since = valueOf(last)!;
        const atSince = fresh.filter((r) => compareValues(valueOf(r)!, since) === 0).map(idOf);
        const seen = previous && compareValues(previous.since, since) === 0 ? [...previous.seen, ...atSince] : atSince;
        const next: Cursor = { since, seen };
        // The first poll notes where the service stands; later ones put out what came since.
        return { items: previous ? fresh.map((json) => ({ json })) : [], cursor: next };
      },
    },
    async execute(ctx): Promise<Item[]> {
      // A run the poll started has its new records as input; a manual run shows the newest ones.
      if (ctx.input().length > 0) return ctx.input();
      return (await read(ctx, undefined)).map((json) => ({ json }));
    },
  });
}
