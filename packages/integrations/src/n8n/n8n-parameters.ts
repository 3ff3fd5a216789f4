// Readers for parameter shapes many n8n service nodes share: resource locators, resource mappers, JSON templates.
import { isExpression, locatorValue, type MapContext } from '@flowloom/engine/n8n';

/** A credential slot of a Flowloom service node (named after its credential type) and the n8n credential type it takes. */
export const slotFor = (slot: string, n8nType: string = slot): { slot: string; n8nType: string } => ({ slot, n8nType });

/** The n8n `resource` and `operation`, written as fixed values (n8n itself refuses expressions there). */
export function resourceOperation(ctx: MapContext, resource: string, operation: string): { resource: string; operation: string } {
  return { resource: ctx.literal('resource', 'string', resource), operation: ctx.literal('operation', 'string', operation) };
}

/** Gives up on an operation Flowloom's node has no equivalent of. */
export function noOperation(ctx: MapContext, service: string, resource: string, operation: string): never {
  ctx.fail('operation', `${service}'s ${resource} operation '${operation}' has no equivalent in Flowloom's ${service} node`);
}

/**
 * A resource locator (`{ __rl, mode, value }`) whose value Flowloom's node takes as written in the modes given;
 * other modes have no equivalent.
 */
export function locator(ctx: MapContext, path: string, modes: readonly string[] = ['list', 'id']): unknown {
  const raw = ctx.raw(path);
  if (typeof raw === 'object' && raw !== null && '__rl' in raw) {
    const mode = (raw as { mode?: unknown }).mode;
    if (typeof mode === 'string' && !modes.includes(mode))
      ctx.fail(`${path}.mode`, `the '${mode}' mode of choosing it has no Flowloom equivalent`);
  }
  return locatorValue(ctx, path);
}

/** The values of an n8n resource mapper (`columns`): the fields written, and the columns matched on. */
export interface ResourceMapperValues {
  /** The fields: an object of Flowloom parameter values, or `undefined` for the item's own fields. */
  values: Record<string, unknown> | undefined;
  matchingColumns: string[];
}

/**
 * Reads an n8n resource mapper. `defineBelow` gives its values converted; `autoMapInputData` gives none (the item's
 * fields, which is what Flowloom's nodes take by default). n8n's type conversion switches only change how n8n checks
 * values before sending them, so they are read and left.
 */
export function resourceMapper(ctx: MapContext, path: string): ResourceMapperValues {
  const mode = ctx.choice(`${path}.mappingMode`, ['defineBelow', 'autoMapInputData'], 'defineBelow');
  ctx.ignore(`${path}.schema`, `${path}.attemptToConvertTypes`, `${path}.convertFieldsToString`);
  const matching = ctx.raw(`${path}.matchingColumns`) ?? [];
  if (!Array.isArray(matching) || matching.some((c) => typeof c !== 'string')) {
    ctx.fail(`${path}.matchingColumns`, 'expected a list of column names');
  }
  if (mode === 'autoMapInputData') {
    ctx.ignore(`${path}.value`);
    // Columns taken out of the automatic mapping are not written by n8n; Flowloom writes every field of the item.
    const schema = ctx.raw(`${path}.schema`);
    if (Array.isArray(schema) && schema.some((c) => typeof c === 'object' && c !== null && (c as { removed?: unknown }).removed === true)) {
      ctx.fail(`${path}.schema`, 'columns left out of the automatic mapping have no Flowloom equivalent');
    }
    return { values: undefined, matchingColumns: matching as string[] };
  }
  const raw = ctx.raw(`${path}.value`);
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
    ctx.fail(`${path}.value`, 'expected an object of column values');
  const values: Record<string, unknown> = {};
  for (const [column, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    // A column left empty in n8n's form is not sent.
    if (value === null || value === undefined) {
      ctx.ignore(`${path}.value.${column}`);
      continue;
    }
    values[column] = ctx.convert(value, `${path}.value.${column}`);
  }
  ctx.ignore(`${path}.value`);
  return { values, matchingColumns: matching as string[] };
}

/**
 * A JSON parameter (Slack's blocks, a JSON body) as a value. Written as a fixed JSON text it is parsed; written as
 * n8n's template of JSON text with `{{ }}` inside strings (`={"text": "Hi {{ $json.name }}"}`) each string becomes a
 * Flowloom template, so the value keeps its structure. JSON written by one JavaScript expression has no equivalent.
 */
export function jsonTemplate(ctx: MapContext, path: string): unknown {
  const raw = ctx.raw(path);
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') return ctx.convert(raw, path);
  const expression = isExpression(raw);
  const body = expression ? raw.slice(1) : raw;
  if (expression && /^\s*\{\{[^]*\}\}\s*$/.test(body) && !/\}\}[^]*\{\{/.test(body)) {
    ctx.fail(path, 'the JSON is made by one JavaScript expression, which the importer does not translate');
  }
  const slots: string[] = [];
  const marked = expression ? body.replace(/\{\{[^]*?\}\}/g, (m) => `\uE000${slots.push(m) - 1}\uE001`) : body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(marked);
  } catch {
    ctx.fail(
      path,
      expression ? 'the JSON holds expressions outside its strings, which the importer does not translate' : 'the JSON cannot be read',
    );
  }
  const restore = (v: unknown, at: string): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('\uE000')) return ctx.convertString(v, at);
      return ctx.convertString(`=${v.replace(/\uE000(\d+)\uE001/g, (_, i: string) => slots[Number(i)]!)}`, at);
    }
    if (Array.isArray(v)) return v.map((x, i) => restore(x, `${at}[${i}]`));
    if (typeof v === 'object' && v !== null) {
      if (Object.keys(v).some((k) => k.includes('\uE000'))) ctx.fail(path, 'the JSON holds an expression in a key');
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x, `${at}.${k}`)]));
    }
    return v;
  };
  return restore(parsed, path);
}

/**
 * A polling trigger's interval in minutes from n8n's `pollTimes`: every minute, or every so many minutes or hours.
 * Times of day (every hour at a minute, every day at an hour...) have no equivalent in Flowloom's intervals.
 */
export function pollMinutes(ctx: MapContext): number {
  const times = ctx.list('pollTimes.item');
  if (times.length > 1) ctx.fail('pollTimes.item', 'several poll times have no equivalent: Flowloom polls at one interval');
  if (times.length === 0) return 1;
  const mode = ctx.literal<string>('pollTimes.item[0].mode', 'string', 'everyMinute');
  if (mode === 'everyMinute') return 1;
  if (mode !== 'everyX')
    ctx.fail('pollTimes.item[0].mode', `polling '${mode}' (at a time of day) has no equivalent: Flowloom polls at an interval`);
  const value = ctx.literal<number>('pollTimes.item[0].value', 'number', 2);
  const unit = ctx.choice('pollTimes.item[0].unit', ['minutes', 'hours'], 'hours');
  return unit === 'hours' ? value * 60 : value;
}
