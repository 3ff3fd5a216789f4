import { z } from 'zod';
import type { DateTime, DurationUnit } from 'luxon';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { setPath } from '../shared/field-path.js';
import { parameterError } from '../shared/node-error.js';
import { loadLuxon, parseDate } from './parse-date.js';
import { copyJson } from '../shared/copy-json.js';

const UNITS = ['years', 'quarters', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'] as const;
const OPERATIONS = ['currentDate', 'format', 'add', 'subtract', 'difference', 'parse', 'convertTimezone'] as const;
type Operation = (typeof OPERATIONS)[number];

const show = (...ops: Operation[]) => ({ show: { operation: ops } });

const DEFAULT_OUTPUT: Record<Operation, string> = {
  currentDate: 'currentDate',
  format: 'formattedDate',
  add: 'newDate',
  subtract: 'newDate',
  difference: 'timeDifference',
  parse: 'parsedDate',
  convertTimezone: 'convertedDate',
};

const properties = z.object({
  operation: z
    .enum(OPERATIONS)
    .default('format')
    .meta({
      label: 'Operation',
      options: [
        { value: 'currentDate', label: 'Get Current Date' },
        { value: 'format', label: 'Format a Date' },
        { value: 'add', label: 'Add to a Date' },
        { value: 'subtract', label: 'Subtract From a Date' },
        { value: 'difference', label: 'Get Time Between Dates' },
        { value: 'parse', label: 'Parse a Date', description: 'Read text in a given format into an ISO 8601 date.' },
        { value: 'convertTimezone', label: 'Convert Time Zone' },
      ],
    }),
  date: z
    .unknown()
    .optional()
    .meta({
      label: 'Date',
      description: 'ISO 8601 text, epoch milliseconds, or an expression such as {{ $json.createdAt }}.',
      displayOptions: show('format', 'add', 'subtract', 'parse', 'convertTimezone'),
    }),
  inputFormat: z.string().optional().meta({
    label: 'Input Format',
    description:
      'How the date text is written, in luxon tokens (dd/MM/yyyy HH:mm). Leave empty to read ISO 8601, RFC 2822, HTTP and SQL dates.',
    placeholder: 'dd/MM/yyyy',
  }),
  format: z
    .string()
    .default('iso')
    .meta({
      label: 'Format',
      description: 'Luxon tokens such as yyyy-MM-dd HH:mm, or one of: iso, isoDate, unix (seconds), unixMs, rfc2822, http.',
      options: [
        { value: 'iso', label: 'ISO 8601 (2024-05-01T14:30:00.000+02:00)' },
        { value: 'isoDate', label: 'ISO date (2024-05-01)' },
        { value: 'yyyy-MM-dd HH:mm', label: '2024-05-01 14:30' },
        { value: 'dd/MM/yyyy', label: '01/05/2024' },
        { value: 'MM/dd/yyyy', label: '05/01/2024' },
        { value: 'DDD', label: 'May 1, 2024' },
        { value: 'unix', label: 'Unix time in seconds' },
        { value: 'unixMs', label: 'Unix time in milliseconds' },
        { value: 'rfc2822', label: 'RFC 2822' },
        { value: 'http', label: 'HTTP date' },
      ],
      displayOptions: show('format'),
    }),
  locale: z
    .string()
    .optional()
    .meta({ label: 'Locale', description: 'Language for month and day names (en, de, fr...).', displayOptions: show('format') }),
  amount: z
    .number()
    .default(1)
    .meta({ label: 'Amount', displayOptions: show('add', 'subtract') }),
  unit: z
    .enum(UNITS)
    .default('days')
    .meta({ label: 'Unit', displayOptions: show('add', 'subtract', 'difference') }),
  startDate: z
    .unknown()
    .optional()
    .meta({ label: 'Start Date', displayOptions: show('difference') }),
  endDate: z
    .unknown()
    .optional()
    .meta({ label: 'End Date', displayOptions: show('difference') }),
  timezone: z.string().optional().meta({
    label: 'Time Zone',
    description:
      "IANA zone such as Europe/Berlin, used to read dates without an offset and to write results. Default: the workflow's time zone, else UTC.",
    placeholder: 'Europe/Berlin',
  }),
  toTimezone: z
    .string()
    .optional()
    .meta({
      label: 'To Time Zone',
      description: 'IANA zone to convert to, such as America/New_York.',
      displayOptions: show('convertTimezone'),
    }),
  outputField: z.string().optional().meta({
    label: 'Output Field Name',
    description: 'Where the result goes (default: currentDate, formattedDate, newDate, timeDifference, parsedDate or convertedDate).',
  }),
  includeInputFields: z
    .boolean()
    .default(true)
    .meta({ label: 'Include Input Fields', description: "Keep the input item's fields beside the result." }),
});

function formatDate(dt: DateTime, format: string, locale: string | undefined): unknown {
  const d = locale ? dt.setLocale(locale) : dt;
  switch (format) {
    case 'iso':
      return d.toISO();
    case 'isoDate':
      return d.toISODate();
    case 'unix':
      return Math.floor(d.toSeconds());
    case 'unixMs':
      return d.toMillis();
    case 'rfc2822':
      return d.toRFC2822();
    case 'http':
      return d.toHTTP();
    default:
      return d.toFormat(format);
  }
}

/** Gets, formats, shifts, compares, parses and converts dates, with time zones (luxon). */
export const dateTimeNode = defineNode({
  type: 'core.dateTime',
  version: 1,
  displayName: 'Date & Time',
  description:
    'Gets the current date, formats, adds to or subtracts from a date, measures the time between dates, parses text and converts time zones.',
  group: 'data',
  icon: 'calendar-clock',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const l = await loadLuxon();
    const items = ctx.input();
    const name = ctx.node.name;
    const workflowZone = ctx.workflow.settings.timezone ?? 'UTC';
    const out: Item[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      const zone = p.timezone || workflowZone;
      if (!l.Info.isValidIANAZone(zone))
        throw parameterError(name, 'timezone', `is '${zone}', which is not an IANA time zone such as Europe/Berlin`, i);
      const read = (parameter: string, value: unknown): DateTime => {
        const dt = parseDate(l, value, zone, p.inputFormat || undefined);
        if (typeof dt === 'string') throw parameterError(name, parameter, dt, i);
        return dt;
      };
      let result: unknown;
      switch (p.operation) {
        case 'currentDate':
          result = l.DateTime.fromMillis(ctx.now(), { zone }).toISO();
          break;
        case 'format':
          result = formatDate(read('date', p.date), p.format, p.locale);
          break;
        case 'add':
        case 'subtract': {
          const dt = read('date', p.date);
          const shifted = p.operation === 'add' ? dt.plus({ [p.unit]: p.amount }) : dt.minus({ [p.unit]: p.amount });
          result = shifted.toISO();
          break;
        }
        case 'difference': {
          const start = read('startDate', p.startDate);
          const end = read('endDate', p.endDate);
          result = end.diff(start, p.unit as DurationUnit).as(p.unit as DurationUnit);
          break;
        }
        case 'parse':
          result = read('date', p.date).toISO();
          break;
        case 'convertTimezone': {
          const target = p.toTimezone;
          if (!target) throw parameterError(name, 'toTimezone', 'is required to convert a time zone', i);
          if (!l.Info.isValidIANAZone(target))
            throw parameterError(name, 'toTimezone', `is '${target}', which is not an IANA time zone such as America/New_York`, i);
          result = read('date', p.date).setZone(target).toISO();
          break;
        }
      }
      const json = p.includeInputFields ? copyJson(item.json) : {};
      setPath(json, p.outputField || DEFAULT_OUTPUT[p.operation], result);
      const next: Item = { json, pairedItem: { item: i } };
      if (item.binary) next.binary = item.binary;
      out[i] = next;
    }
    return out;
  },
});
