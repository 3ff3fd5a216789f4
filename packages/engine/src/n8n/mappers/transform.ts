import type { MapContext } from '../map-context.js';
import { compact, fieldPath, type MappedNode, type NodeMapping } from './mapping.js';
import { momentToLuxon } from './moment-format.js';

const DATE_UNITS = ['years', 'quarters', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'] as const;

/** n8n's preset formats (Luxon tokens, or `X`/`x` for epoch seconds and milliseconds) -> Flowloom's. */
function dateFormat(format: string): string {
  if (format === 'X') return 'unix';
  if (format === 'x') return 'unixMs';
  return format;
}

/** A Moment.js format of Date & Time v1, written literally, in Luxon tokens; a token Luxon cannot write is refused by name. */
function luxonFormat(ctx: MapContext, path: string, fallback: string): string {
  const format = ctx.literal<string>(path, 'string', fallback);
  if (format.trim() === '') ctx.fail(path, 'an empty format (n8n then writes ISO 8601 in its own way) has no Flowloom equivalent');
  const translated = momentToLuxon(format);
  if ('token' in translated) {
    ctx.fail(path, `the Moment.js token '${translated.token}' (${translated.reason}) in '${format}' has no Luxon equivalent`);
  }
  return translated.luxon;
}

/** A time zone written literally, or undefined when the option is left out. */
function zoneOption(ctx: MapContext, path: string): string | undefined {
  const zone = ctx.literal<string>(path, 'string', '').trim();
  return zone === '' ? undefined : zone;
}

/**
 * Date & Time v1 (Moment.js): formatting a date, and adding to or
 * subtracting from one. Formats are translated to Luxon tokens when
 * imported, names written in English as Moment writes them; a source and a
 * target time zone are one Flowloom time zone, so they must be the same.
 * n8n writes a calculated date in UTC (`toISOString`), so Flowloom does too.
 */
function dateTimeV1(ctx: MapContext): MappedNode {
  ctx.ignore('noticeDateTime');
  const action = ctx.choice('action', ['format', 'calculate'], 'format');
  const date = ctx.value('value', '');
  const outputField = ctx.value('dataPropertyName', 'data');
  const fromFormat = ctx.has('options.fromFormat') ? luxonFormat(ctx, 'options.fromFormat', '') : undefined;
  if (action === 'calculate') {
    ctx.ignore('custom', 'toFormat');
    return {
      type: 'core.dateTime',
      parameters: compact({
        operation: ctx.choice('operation', ['add', 'subtract'], 'add'),
        date,
        inputFormat: fromFormat,
        amount: ctx.value('duration', 0),
        unit: ctx.choice('timeUnit', DATE_UNITS, 'days'),
        outputField,
        timezone: 'UTC',
      }),
    };
  }
  ctx.ignore('operation', 'duration', 'timeUnit');
  if (fromFormat !== undefined) {
    ctx.warn(
      'options.fromFormat',
      'date-v1-from-format',
      'n8n read the date forgivingly with this format (Moment.js); Flowloom reads it exactly as the format says',
    );
  }
  const custom = ctx.literal<boolean>('custom', 'boolean', false);
  const format = luxonFormat(ctx, 'toFormat', custom ? '' : 'MM/DD/YYYY');
  // n8n reads the date in the source zone and writes it in the target one, either defaulting to the workflow's.
  const from = zoneOption(ctx, 'options.fromTimezone');
  const to = zoneOption(ctx, 'options.toTimezone');
  let timezone: string | undefined;
  if (from !== undefined || to !== undefined) {
    const source = from ?? ctx.env.timezone;
    const target = to ?? ctx.env.timezone;
    if (source !== target) {
      ctx.fail(
        to !== undefined ? 'options.toTimezone' : 'options.fromTimezone',
        `reading the date in one time zone (${source ?? "the n8n server's"}) and writing it in another (${target ?? "the n8n server's"}) has no Flowloom equivalent`,
      );
    }
    timezone = target;
  }
  return {
    type: 'core.dateTime',
    parameters: compact({ operation: 'format', date, inputFormat: fromFormat, format, locale: 'en', outputField, timezone }),
  };
}

/** Date & Time: v2 gets the current date, formats, adds and subtracts with Luxon, as Flowloom does; v1 with Moment.js (`dateTimeV1`). */
export const dateTimeMapping: NodeMapping = {
  versions: [1, 2],
  map(ctx) {
    if (ctx.version < 2) return dateTimeV1(ctx);
    const operation = ctx.choice('operation', ['getCurrentDate', 'formatDate', 'addToDate', 'subtractFromDate'], 'getCurrentDate');
    const timezone = ctx.value('options.timezone') || undefined;
    ctx.onlyDefault('options.includeInputFields', true);
    switch (operation) {
      case 'getCurrentDate':
        if (!ctx.literal<boolean>('includeTime', 'boolean', true))
          ctx.fail('includeTime', 'the current date without its time has no Flowloom equivalent');
        return {
          type: 'core.dateTime',
          parameters: compact({ operation: 'currentDate', outputField: ctx.value('outputFieldName', 'currentDate'), timezone }),
        };
      case 'formatDate': {
        const format = ctx.literal<string>('format', 'string', 'MM/dd/yyyy');
        ctx.onlyDefault('options.fromFormat');
        return {
          type: 'core.dateTime',
          parameters: compact({
            operation: 'format',
            date: ctx.value('date', ''),
            format: format === 'custom' ? ctx.value('customFormat', '') : dateFormat(format),
            outputField: ctx.value('outputFieldName', 'formattedDate'),
            timezone,
          }),
        };
      }
      case 'addToDate':
      case 'subtractFromDate':
        return {
          type: 'core.dateTime',
          parameters: compact({
            operation: operation === 'addToDate' ? 'add' : 'subtract',
            date: ctx.value('magnitude', ''),
            amount: ctx.value('duration', 0),
            unit: ctx.choice('timeUnit', DATE_UNITS, 'days'),
            outputField: ctx.value('outputFieldName', 'newDate'),
            timezone,
          }),
        };
    }
  },
};

const HASHES = ['MD5', 'SHA1', 'SHA256', 'SHA384', 'SHA512', 'SHA3-256', 'SHA3-384', 'SHA3-512'] as const;

/** Crypto: hash, HMAC and random values (not signing). */
export const cryptoMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const action = ctx.choice('action', ['hash', 'hmac', 'generate'], 'hash');
    const dataPropertyName = ctx.value('dataPropertyName', 'data');
    if (action === 'generate') {
      const kind = ctx.choice('encodingType', ['uuid', 'hex', 'base64'], 'uuid');
      return {
        type: 'core.crypto',
        parameters: compact({
          action,
          generateType: kind,
          length: kind === 'uuid' ? undefined : ctx.value('stringLength', 32),
          dataPropertyName,
        }),
      };
    }
    const binaryData = ctx.literal<boolean>('binaryData', 'boolean', false);
    return {
      type: 'core.crypto',
      parameters: compact({
        action,
        algorithm: ctx.choice('type', HASHES, 'MD5'),
        value: binaryData ? undefined : ctx.value('value', ''),
        binaryData: binaryData || undefined,
        binaryProperty: binaryData ? ctx.value('binaryPropertyName', 'data') : undefined,
        // n8n signs with an empty key when the Secret is left empty; so does Flowloom given ''.
        secret: action === 'hmac' ? ctx.value('secret', '') : undefined,
        encoding: ctx.choice('encoding', ['hex', 'base64'], 'hex'),
        dataPropertyName,
      }),
    };
  },
};

/** Convert to File: CSV, JSON, a base64 field to a file (`toBinary`), a text field to a file (`toText`). */
export const convertToFileMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx) {
    const operation = ctx.choice('operation', ['csv', 'toJson', 'toBinary', 'toText'], 'csv');
    const binaryProperty = ctx.value('binaryPropertyName', 'data');
    const fileName = ctx.value('options.fileName') || undefined;
    if (operation === 'toBinary' || operation === 'toText') {
      const source = ctx.raw('sourceProperty');
      const sourceProperty = typeof source === 'string' && source !== '' ? fieldPath(ctx, 'sourceProperty', source) : 'data';
      if (operation === 'toBinary') {
        return {
          type: 'core.convertToFile',
          parameters: compact({
            operation,
            sourceProperty,
            binaryProperty,
            fileName,
            mimeType: ctx.value('options.mimeType') || undefined,
          }),
        };
      }
      ctx.onlyDefault('options.encoding', 'utf8', 'utf-8');
      return {
        type: 'core.convertToFile',
        parameters: compact({
          operation,
          sourceProperty,
          binaryProperty,
          fileName,
          addBom: ctx.literal<boolean>('options.addBOM', 'boolean', false),
        }),
      };
    }
    ctx.onlyDefault('options.encoding', 'utf8', 'utf-8');
    ctx.onlyDefault('options.addBOM', false);
    if (operation === 'toJson') {
      const mode = ctx.choice('mode', ['once', 'each'], 'once');
      return {
        type: 'core.convertToFile',
        parameters: compact({
          operation: 'toJson',
          mode: mode === 'once' ? 'allItems' : 'eachItem',
          binaryProperty,
          fileName,
          pretty: ctx.literal<boolean>('options.format', 'boolean', false),
        }),
      };
    }
    ctx.warn(undefined, 'csv-nested-values', 'nested objects and lists are written as JSON text in each CSV cell');
    return {
      type: 'core.convertToFile',
      parameters: compact({
        operation: 'toCsv',
        binaryProperty,
        fileName,
        delimiter: ctx.value('options.delimiter') || undefined,
        header: ctx.literal<boolean>('options.headerRow', 'boolean', true),
      }),
    };
  },
};
