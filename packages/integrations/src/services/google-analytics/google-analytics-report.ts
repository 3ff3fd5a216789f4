// GA4 reports as items: each row one item, its dimensions by name (as text) and its metrics by name (as numbers, which
// the Data API writes as text), every page of rows read by offset up to the report's row count.
import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import type { ValueSpec } from '../../kit/request-spec.js';
import type { OperationContext } from '../../kit/service-types.js';

/** A report as the Data API answers `runReport` and `runRealtimeReport`. */
export interface ReportAnswer {
  dimensionHeaders?: { name: string }[];
  metricHeaders?: { name: string; type?: string }[];
  rows?: { dimensionValues?: { value?: string }[]; metricValues?: { value?: string }[] }[];
  rowCount?: number;
}

/** The most rows one request asks for (the API allows 250,000). */
export const PAGE_ROWS = 10_000;

export const propertyId = z
  .string()
  .trim()
  .regex(/^(properties\/)?\d+$/, 'must be a GA4 property ID (digits), such as 123456789')
  .meta({ label: 'Property ID', placeholder: '123456789', description: 'Admin \u2192 Property details.' });
const names = (label: string, loadOptions: string) =>
  z.array(z.string().trim().min(1)).meta({ label, loadOptions, loadOptionsDependsOn: ['propertyId'] });
const filter = (label: string) =>
  z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ label, editor: 'json', description: 'A FilterExpression, as the Data API writes it.' });
const common = {
  propertyId,
  dimensions: names('Dimensions', 'dimensions').default([]),
  metrics: names('Metrics', 'metrics').min(1),
  dimensionFilter: filter('Dimension filter'),
  metricFilter: filter('Metric filter'),
  orderBys: z
    .array(z.record(z.string(), z.unknown()))
    .optional()
    .meta({ label: 'Order by', editor: 'json', description: 'OrderBy objects.' }),
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Every row; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most rows to return.' }),
};

export const reportParams = z.object({
  ...common,
  dateRanges: z
    .array(z.object({ startDate: z.string().trim().min(1), endDate: z.string().trim().min(1), name: z.string().optional() }))
    .min(1)
    .default([{ startDate: '7daysAgo', endDate: 'today' }])
    .meta({
      label: 'Date ranges',
      editor: 'json',
      description: 'YYYY-MM-DD, or NdaysAgo, yesterday, today. With several, rows carry a dateRange.',
    }),
  keepEmptyRows: z.boolean().optional().meta({ label: 'Keep rows whose metrics are all zero' }),
  currencyCode: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .optional()
    .meta({ label: 'Currency' }),
});

export const realtimeParams = z.object({
  ...common,
  minuteRanges: z
    .array(z.object({ startMinutesAgo: z.number().int().min(0), endMinutesAgo: z.number().int().min(0), name: z.string().optional() }))
    .optional()
    .meta({ label: 'Minute ranges', editor: 'json', description: 'Default: the last 30 minutes (60 for GA4 360).' }),
});

type ReportParams = z.output<typeof reportParams>;
type RealtimeParams = z.output<typeof realtimeParams>;

/** The property's resource path: `properties/123`. */
export function propertyPath(id: string): string {
  return id.startsWith('properties/') ? id : `properties/${id}`;
}

/** The rows of a report as items: dimension values as text, metric values as numbers. */
export function rowsOf(answer: ReportAnswer): Record<string, unknown>[] {
  const dimensions = (answer.dimensionHeaders ?? []).map((h) => h.name);
  const metrics = (answer.metricHeaders ?? []).map((h) => h.name);
  return (answer.rows ?? []).map((row) => {
    const out: Record<string, unknown> = {};
    dimensions.forEach((name, i) => (out[name] = row.dimensionValues?.[i]?.value ?? ''));
    metrics.forEach((name, i) => {
      const text = row.metricValues?.[i]?.value ?? '';
      const number = Number(text);
      out[name] = text !== '' && Number.isFinite(number) ? number : text;
    });
    return out;
  });
}

function body(p: ReportParams | RealtimeParams): Record<string, unknown> {
  return {
    dimensions: p.dimensions.map((name) => ({ name })),
    metrics: p.metrics.map((name) => ({ name })),
    ...(p.dimensionFilter ? { dimensionFilter: p.dimensionFilter } : {}),
    ...(p.metricFilter ? { metricFilter: p.metricFilter } : {}),
    ...(p.orderBys ? { orderBys: p.orderBys } : {}),
  };
}

/**
 * Runs a report over date ranges, reading every page (by `offset`) up to
 * the limit or the report's row count. Limits and offsets go as text, as the
 * Data API writes its 64-bit integers.
 */
export async function runReport(op: OperationContext<ReportParams>): Promise<Item[]> {
  const p = op.params;
  const wanted = p.returnAll ? Infinity : p.limit;
  const out: Record<string, unknown>[] = [];
  for (let page = 0; page < 1000; page++) {
    const size = Math.min(PAGE_ROWS, wanted - out.length);
    const request: Record<string, unknown> = {
      ...body(p),
      dateRanges: p.dateRanges.map((r) => ({ startDate: r.startDate, endDate: r.endDate, ...(r.name ? { name: r.name } : {}) })),
      ...(out.length > 0 ? { offset: String(out.length) } : {}),
      limit: String(size),
      ...(p.keepEmptyRows !== undefined ? { keepEmptyRows: p.keepEmptyRows } : {}),
      ...(p.currencyCode ? { currencyCode: p.currencyCode } : {}),
    };
    const answer = (await op.request({ method: 'POST', path: `/${propertyPath(p.propertyId)}:runReport`, body: request as ValueSpec }))
      .body as ReportAnswer;
    const rows = rowsOf(answer);
    out.push(...rows.slice(0, wanted - out.length));
    if (rows.length === 0 || out.length >= wanted || out.length >= (answer.rowCount ?? 0)) break;
  }
  return out.map((json) => ({ json }));
}

/** Runs a realtime report (events of the last 30 minutes), one request: realtime reports have no offset. */
export async function runRealtimeReport(op: OperationContext<RealtimeParams>): Promise<Item[]> {
  const p = op.params;
  const request: Record<string, unknown> = {
    ...body(p),
    ...(p.minuteRanges ? { minuteRanges: p.minuteRanges } : {}),
    limit: String(p.returnAll ? 250_000 : p.limit),
  };
  const answer = (
    await op.request({ method: 'POST', path: `/${propertyPath(p.propertyId)}:runRealtimeReport`, body: request as ValueSpec })
  ).body as ReportAnswer;
  return rowsOf(answer).map((json) => ({ json }));
}
