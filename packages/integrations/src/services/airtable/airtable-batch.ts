// Airtable writes up to ten records per request: consecutive items that name the same base and table go together.
import { NodeExecutionError, type Item, type NodeContext } from '@flowloom/engine';
import type { z } from 'zod';
import type { OperationContext, VendorResponse } from '../../kit/service-types.js';

/** The most records Airtable takes in one create, update, upsert or delete. */
export const BATCH_SIZE = 10;

/** One item of a batch: its checked parameters. */
export type Member<P> = { params: P; itemIndex: number };

/**
 * An operation's `execute` that sends the items of a batch in one request.
 * The kit runs an operation item by item; the first item of a batch sends the
 * request for it and the items after it that share its `key`, and each later
 * item then takes its own records from the answer, so every record stays
 * paired with the item it came from.
 */
export function batched<S extends z.ZodObject<z.ZodRawShape>>(
  label: string,
  schema: S,
  key: (params: z.output<S>) => string,
  send: (op: OperationContext<z.output<S>>, batch: Member<z.output<S>>[]) => Promise<VendorResponse>,
  /** The items of the answer for each member of the batch, in order. */
  itemsOf: (response: VendorResponse, batch: Member<z.output<S>>[]) => Item['json'][][],
): (op: OperationContext<z.output<S>>) => Promise<Item[]> {
  const answered = new WeakMap<NodeContext, Map<number, Item['json'][]>>();
  return async (op) => {
    const ready = answered.get(op.ctx)?.get(op.itemIndex);
    if (ready) {
      answered.get(op.ctx)!.delete(op.itemIndex);
      return ready.map((json) => ({ json }));
    }
    const count = op.ctx.input().length;
    const batch: Member<z.output<S>>[] = [{ params: op.params, itemIndex: op.itemIndex }];
    for (let i = op.itemIndex + 1; i < count && batch.length < BATCH_SIZE; i++) {
      const params = checked(op.ctx, label, schema, i);
      if (key(params) !== key(op.params)) break;
      batch.push({ params, itemIndex: i });
    }
    const results = itemsOf(await send(op, batch), batch);
    const later = answered.get(op.ctx) ?? new Map<number, Item['json'][]>();
    answered.set(op.ctx, later);
    batch.slice(1).forEach((member, i) => later.set(member.itemIndex, results[i + 1] ?? []));
    return (results[0] ?? []).map((json) => ({ json }));
  };
}

/** A later item's parameters, checked as the kit checks each item's before it runs. */
function checked<S extends z.ZodObject<z.ZodRawShape>>(ctx: NodeContext, label: string, schema: S, itemIndex: number): z.output<S> {
  let all: Record<string, unknown>;
  try {
    all = ctx.params(itemIndex);
  } catch (error) {
    throw invalid(ctx, `${label}: ${(error as Error).message.replace(`Node '${ctx.node.name}': `, '')}`, error);
  }
  const own: Record<string, unknown> = {};
  for (const name of Object.keys(schema.shape)) if (all[name] !== undefined) own[name] = all[name];
  const parsed = schema.safeParse(own);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const problem = issue.code === 'invalid_type' && own[String(issue.path[0])] === undefined ? 'is required' : issue.message;
  throw invalid(ctx, `${label}: parameter '${issue.path.join('.')}' ${problem} (item ${itemIndex}).`);
}

function invalid(ctx: NodeContext, message: string, cause?: unknown): NodeExecutionError {
  return new NodeExecutionError(`Node '${ctx.node.name}': ${message}`, { code: 'PARAMETER_INVALID', retryable: false, cause });
}
