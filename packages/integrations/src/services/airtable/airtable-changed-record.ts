import { defineNode, type NodeContext, type NodeType } from '@flowloom/engine';
import { z } from 'zod';
import { definePollingTrigger } from '../../kit/define-poll.js';
import type { RequestSpec } from '../../kit/request-spec.js';
import { airtable } from './airtable.js';
import { airtableInfo } from './airtable-info.js';

const params = z.object({
  baseId: z.string().trim().min(1).meta({ label: 'Base ID', placeholder: 'appXXXXXXXXXXXXXX' }),
  table: z.string().trim().min(1).meta({ label: 'Table', description: 'The table\u2019s name or ID (tbl...).' }),
  timeField: z
    .string()
    .trim()
    .min(1)
    .regex(/^[^{}]+$/, 'must be a field name without braces')
    .meta({
      label: 'Last modified field',
      placeholder: 'Last modified',
      description: 'A "Last modified time" field of the table: a record is new to the workflow each time its value moves on.',
    }),
  view: z.string().optional().meta({ label: 'View', description: 'Only records of this view.' }),
});
type Params = z.output<typeof params>;

/** Records of the table, newest first (the first poll, a manual run), or those modified since `since`, oldest first. */
function request(p: Params, since: string | number | undefined): RequestSpec {
  const field = p.timeField;
  const base = { method: 'GET' as const, path: '/{baseId}/{table}' };
  const view: Record<string, string> = p.view ? { view: p.view } : {};
  if (since === undefined) {
    return { ...base, query: { ...view, 'sort[0][field]': field, 'sort[0][direction]': 'desc', pageSize: 10 } };
  }
  // A second of overlap: what was seen before the cursor is dropped by the trigger, what is at it by its id.
  const formula = `IS_AFTER({${field}}, DATEADD('${String(since)}', -1, 'seconds'))`;
  return { ...base, query: { ...view, filterByFormula: formula, 'sort[0][field]': field, 'sort[0][direction]': 'asc' } };
}

const triggers = new Map<string, NodeType>();

/** The kit's polling trigger reading its cursor from the field the user named. */
function triggerFor(field: string): NodeType {
  let trigger = triggers.get(field);
  if (!trigger) {
    trigger = definePollingTrigger({
      id: 'airtableChangedRecord',
      displayName: 'Airtable New or Changed Record',
      description:
        'Starts the workflow with each record created or changed in a table, by its last-modified field, asking Airtable at the chosen interval.',
      icon: airtableInfo.icon,
      docsUrl: 'https://airtable.com/developers/web/api/list-records',
      service: airtable.definition,
      params,
      request,
      paginate: {
        type: 'cursor',
        next: 'offset',
        send: { in: 'query', name: 'offset' },
        pageSize: { in: 'query', name: 'pageSize', value: 100 },
      },
      items: 'records',
      cursorField: `fields.${field}`,
      idField: 'id',
    });
    triggers.set(field, trigger);
  }
  return trigger;
}

const fieldOf = (ctx: NodeContext) => String(ctx.params(0)['timeField'] ?? '');
const shape = triggerFor('Last modified');

/**
 * Airtable: a run with each record created or changed since the last poll,
 * read from the table's last-modified field (which the user names), oldest first.
 */
export const airtableChangedRecord = defineNode({
  type: shape.type,
  version: shape.version,
  displayName: shape.displayName,
  ...(shape.description ? { description: shape.description } : {}),
  group: 'trigger',
  icon: airtableInfo.icon,
  inputs: [],
  outputs: ['main'],
  properties: shape.properties!,
  credentials: shape.credentials!,
  poll: {
    intervalMs: (p) => shape.poll!.intervalMs(p),
    poll: (ctx, cursor) => triggerFor(fieldOf(ctx)).poll!.poll(ctx, cursor),
  },
  execute: (ctx) => triggerFor(fieldOf(ctx)).execute(ctx),
});
