import type { MapContext } from '../map-context.js';
import { compact, fieldPath, type MappedNode, type NodeMapping } from './mapping.js';
import { convertToFileMapping as convertToTextFileMapping } from './transform.js';

/**
 * n8n's names of the text encodings Flowloom reads (iconv-lite's and Node's
 * Buffer's spellings) -> Flowloom's. Flowloom decodes as Buffer does.
 */
const ENCODINGS: Readonly<Record<string, string>> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  ascii: 'ascii',
  latin1: 'latin1',
  binary: 'latin1',
  iso88591: 'latin1',
  ucs2: 'utf16le',
  'ucs-2': 'utf16le',
  utf16le: 'utf16le',
  base64: 'base64',
  hex: 'hex',
};

/** The encoding option as Flowloom's `encoding` (undefined for UTF-8, the default). */
function encodingOf(ctx: MapContext): string | undefined {
  const raw = ctx.literal<string>('options.encoding', 'string', 'utf8');
  const encoding = ENCODINGS[raw.toLowerCase()];
  if (!encoding) {
    ctx.fail('options.encoding', `Flowloom reads text in ${[...new Set(Object.values(ENCODINGS))].join(', ')}; '${raw}' has no equivalent`);
  }
  return encoding === 'utf8' ? undefined : encoding;
}

/**
 * The options n8n's spreadsheet reading (SheetJS) and Flowloom's share: header
 * row, empty cells (left out by default in n8n), sheet and range. n8n counts a
 * numeric range's starting row from 0, Flowloom from 1.
 */
function sheetOptions(ctx: MapContext) {
  const raw = ctx.raw('options.range');
  let range: string | undefined;
  // n8n reads no range for the number 0 (it is falsy), but row 0 for the text '0'.
  if (typeof raw === 'number') range = raw === 0 ? undefined : String(raw + 1);
  else if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) range = String(Number(raw) + 1);
  else if (typeof raw === 'string' && raw !== '') {
    if (raw.startsWith('='))
      ctx.fail('options.range', 'an expression where Flowloom needs a fixed range (n8n counts a row number from 0, Flowloom from 1)');
    range = raw;
  }
  return {
    sheetName: ctx.value('options.sheetName') || undefined,
    range,
    headerRow: ctx.literal<boolean>('options.headerRow', 'boolean', true),
    includeEmptyCells: ctx.literal<boolean>('options.includeEmptyCells', 'boolean', false),
  };
}

/**
 * Move Binary Data (n8n's older node for what Convert to File and Extract from
 * File now do). JSON to Binary: the whole item as a JSON file, or one field as
 * a file (base64 text decoded, or text as it is); Binary to JSON: a file read
 * into one field beside the item's others, as JSON, text or base64. What n8n
 * does besides (keeping the source, replacing all of the item's data) has no
 * equivalent and is reported.
 */
export const moveBinaryDataMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx) {
    const mode = ctx.choice('mode', ['binaryToJson', 'jsonToBinary'], 'binaryToJson');
    ctx.onlyDefault('options.keepSource', false);
    if (mode === 'jsonToBinary') {
      ctx.onlyDefault('options.encoding', 'utf8', 'utf-8');
      const binaryProperty = ctx.value('destinationKey', 'data');
      const fileName = ctx.value('options.fileName') || undefined;
      ctx.onlyDefault('options.addBOM', false);
      if (ctx.literal<boolean>('convertAllData', 'boolean', true)) {
        ctx.onlyDefault('options.mimeType', 'application/json');
        ctx.onlyDefault('options.useRawData', false);
        ctx.ignore('sourceKey');
        return {
          type: 'core.convertToFile',
          parameters: compact({ operation: 'toJson', mode: 'eachItem', binaryProperty, fileName }),
        };
      }
      const source = ctx.literal<string>('sourceKey', 'string', 'data');
      const sourceProperty = fieldPath(ctx, 'sourceKey', source);
      if (ctx.literal<boolean>('options.dataIsBase64', 'boolean', false)) {
        ctx.ignore('options.useRawData');
        return {
          type: 'core.convertToFile',
          parameters: compact({
            operation: 'toBinary',
            sourceProperty,
            binaryProperty,
            fileName,
            mimeType: ctx.value('options.mimeType') || undefined,
          }),
        };
      }
      if (!ctx.literal<boolean>('options.useRawData', 'boolean', false)) {
        ctx.fail(
          'options.useRawData',
          'n8n writes the field as JSON text (a string in quotes); Flowloom writes text as it is (Use Raw Data)',
        );
      }
      ctx.onlyDefault('options.mimeType', 'application/json', 'text/plain');
      return { type: 'core.convertToFile', parameters: compact({ operation: 'toText', sourceProperty, binaryProperty, fileName }) };
    }
    if (ctx.literal<boolean>('setAllData', 'boolean', true)) {
      ctx.fail(
        'setAllData',
        "replacing all of the item's data with the file's JSON has no Flowloom equivalent; Extract from File puts it in one field",
      );
    }
    const destinationKey = ctx.literal<string>('destinationKey', 'string', 'data');
    if (destinationKey.includes('.') || destinationKey.includes('[')) {
      ctx.fail(
        'destinationKey',
        `the nested destination '${destinationKey}' has no Flowloom equivalent; Extract from File writes a top-level field`,
      );
    }
    ctx.onlyDefault('options.stripBOM', true);
    const parameters = { binaryProperty: ctx.value('sourceKey', 'data'), destinationKey, keepJson: true };
    // The file as base64 text: what n8n gives when asked to keep it so, or to read it in the base64 encoding.
    const base64 = ctx.literal<boolean>('options.keepAsBase64', 'boolean', false) || ctx.raw('options.encoding') === 'base64';
    if (base64) {
      ctx.ignore('options.encoding', 'options.jsonParse');
      return { type: 'core.extractFromFile', parameters: { operation: 'base64', ...parameters } };
    }
    const encoding = encodingOf(ctx);
    const operation = ctx.literal<boolean>('options.jsonParse', 'boolean', false) ? 'json' : 'text';
    return { type: 'core.extractFromFile', parameters: compact({ operation, ...parameters, encoding }) };
  },
};

/**
 * Writing an XLSX workbook, as n8n's Convert to File and Spreadsheet File do
 * (SheetJS): one sheet named 'Sheet' unless named otherwise, a header row
 * unless turned off, nested fields spread into dotted columns, the zip
 * deflated only with Compression on. `defaultFileName` is the name n8n gives
 * the file when the options name none.
 */
function toXlsx(ctx: MapContext, binaryProperty: unknown, defaultFileName: string): MappedNode {
  return {
    type: 'core.convertToFile',
    parameters: compact({
      operation: 'toXlsx',
      binaryProperty,
      fileName: ctx.value('options.fileName') || defaultFileName,
      header: ctx.literal<boolean>('options.headerRow', 'boolean', true),
      sheetName: ctx.value('options.sheetName') || undefined,
      compression: ctx.literal<boolean>('options.compression', 'boolean', false) || undefined,
    }),
  };
}

/**
 * Convert to File: XLSX here (`operation: 'xlsx'`, the whole input as one
 * workbook named File.xlsx unless named otherwise); JSON, CSV, text and
 * base64 as `transform.ts` maps them. The other spreadsheet formats (ODS,
 * XLS, HTML, RTF) have no Flowloom equivalent.
 */
export const convertToFileMapping: NodeMapping = {
  versions: convertToTextFileMapping.versions,
  map(ctx) {
    if (ctx.raw('operation') !== 'xlsx') return convertToTextFileMapping.map(ctx);
    ctx.ignore('operation');
    return toXlsx(ctx, ctx.value('binaryPropertyName', 'data'), 'File.xlsx');
  },
};

/**
 * Spreadsheet File (n8n's older node): writing a CSV file or an XLSX
 * workbook; reading one, or an XLSX workbook. Version 1 reads whatever format
 * the file turns out to have (SheetJS looks at its bytes), which Flowloom's
 * Extract from File does too in its `spreadsheet` operation: XLSX when the
 * file is a zip, else CSV, whose cells SheetJS reads as numbers, booleans and
 * dates unless asked for raw data. Writing other formats (ODS, XLS...) has no
 * Flowloom equivalent.
 */
export const spreadsheetFileMapping: NodeMapping = {
  versions: [1, 2],
  map(ctx) {
    const operation = ctx.choice('operation', ['fromFile', 'toFile'], 'fromFile');
    const binaryProperty = ctx.value('binaryPropertyName', 'data');
    if (operation === 'toFile') {
      const format = ctx.literal<string>('fileFormat', 'string', 'xlsx');
      if (format === 'xlsx') return toXlsx(ctx, binaryProperty, 'spreadsheet.xlsx');
      if (format !== 'csv') ctx.fail('fileFormat', `Flowloom writes CSV and XLSX files; '${format}' has no equivalent`);
      ctx.onlyDefault('options.compression', false);
      ctx.ignore('options.sheetName');
      return {
        type: 'core.convertToFile',
        parameters: compact({
          operation: 'toCsv',
          binaryProperty,
          fileName: ctx.value('options.fileName') || undefined,
          header: ctx.literal<boolean>('options.headerRow', 'boolean', true),
        }),
      };
    }
    if (ctx.version < 2) {
      // Reading the file as a string changes nothing for a UTF-8 CSV file, which is how Flowloom reads CSV.
      ctx.ignore('options.readAsString');
      return {
        type: 'core.extractFromFile',
        parameters: compact({
          operation: 'spreadsheet',
          binaryProperty,
          ...sheetOptions(ctx),
          rawData: ctx.literal<boolean>('options.rawData', 'boolean', false) || undefined,
        }),
      };
    }
    const format = ctx.literal<string>('fileFormat', 'string', 'csv');
    if (format === 'xlsx') {
      // An XLSX file's cells keep their types with or without raw data in this version (dates as serial numbers).
      ctx.ignore('options.rawData');
      if (ctx.literal<boolean>('options.readAsString', 'boolean', false))
        ctx.fail('options.readAsString', 'reading an XLSX workbook as text has no Flowloom equivalent');
      return { type: 'core.extractFromFile', parameters: compact({ operation: 'xlsx', binaryProperty, ...sheetOptions(ctx) }) };
    }
    if (format !== 'csv') ctx.fail('fileFormat', `Flowloom reads CSV and XLSX files; '${format}' has no equivalent`);
    // n8n reads CSV (csv-parse) into text cells whatever Raw Data and Read As String say, as Flowloom does;
    // sheet and range are for workbooks.
    ctx.ignore('options.rawData', 'options.readAsString', 'options.sheetName', 'options.range');
    return {
      type: 'core.extractFromFile',
      parameters: compact({
        operation: 'csv',
        binaryProperty,
        headerRow: ctx.literal<boolean>('options.headerRow', 'boolean', true),
        delimiter: ctx.value('options.delimiter') || undefined,
        includeEmptyCells: ctx.literal<boolean>('options.includeEmptyCells', 'boolean', false),
      }),
    };
  },
};

/**
 * The page options of n8n's PDF reading (pdf.js): the password, and whether
 * the pages' texts are joined. n8n reads every page when Max Pages is left
 * out, and none at all when it is set to 0.
 */
function pdfOptions(ctx: MapContext) {
  const maxPages = ctx.literal<number>('options.maxPages', 'number');
  if (maxPages === 0) ctx.fail('options.maxPages', 'n8n reads no page at all when Max Pages is 0; Flowloom reads every page for 0');
  return {
    password: ctx.value('options.password') || undefined,
    maxPages,
    joinPages: ctx.literal<boolean>('options.joinPages', 'boolean', true) ? undefined : false,
  };
}

/**
 * Read PDF (n8n's older node): a PDF file's text and what it says about
 * itself (`text`, `numpages`, `numrender`, `info`, `metadata`, `version`) as
 * the item's data, its files kept. Extract from File reads PDFs alike.
 */
export const readPdfMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const encrypted = ctx.literal<boolean>('encrypted', 'boolean', false);
    if (!encrypted) ctx.ignore('password');
    return {
      type: 'core.extractFromFile',
      parameters: compact({
        operation: 'pdf',
        binaryProperty: ctx.value('binaryPropertyName', 'data'),
        password: (encrypted && ctx.value('password')) || undefined,
        keepFile: true,
      }),
    };
  },
};

/** The options of n8n's spreadsheet reading that only CSV uses. */
const CSV_OPTIONS = [
  'options.delimiter',
  'options.encoding',
  'options.fromLine',
  'options.maxRowCount',
  'options.enableBOM',
  'options.relaxQuotes',
  'options.skipRecordsWithErrors',
];

/**
 * Extract from File: JSON, text, the file as base64 (`binaryToPropery`, so
 * spelled in n8n), CSV, XLSX and PDF. n8n gives the file as base64 whatever its
 * File Encoding says; text, JSON and CSV are read in the encoding asked for.
 * Keep Source `json` keeps the item's fields beside the result.
 */
export const extractFromFileMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const operation = ctx.choice('operation', ['csv', 'fromJson', 'text', 'binaryToPropery', 'xlsx', 'pdf'], 'csv');
    const binaryProperty = ctx.value('binaryPropertyName', 'data');
    if (operation === 'pdf') {
      // Keep Source: JSON (or left out) leaves the PDF out of the item's files, Binary and Both keep it; JSON and
      // Both put the PDF's fields beside the item's.
      const keepSource =
        ctx.raw('options.keepSource') === undefined ? undefined : ctx.choice('options.keepSource', ['json', 'binary', 'both'], 'json');
      return {
        type: 'core.extractFromFile',
        parameters: compact({
          operation: 'pdf',
          binaryProperty,
          ...pdfOptions(ctx),
          keepJson: keepSource === 'json' || keepSource === 'both' || undefined,
          keepFile: keepSource === 'binary' || keepSource === 'both' || undefined,
        }),
      };
    }
    if (operation === 'binaryToPropery' || operation === 'text' || operation === 'fromJson') {
      const keepSource = ctx.choice('options.keepSource', ['json', 'binary', 'both'], 'json');
      if (keepSource !== 'json') ctx.fail('options.keepSource', `keeping the file ('${keepSource}') has no Flowloom equivalent`);
      let encoding: string | undefined;
      if (operation === 'binaryToPropery') ctx.ignore('options.encoding', 'options.stripBOM');
      else {
        encoding = encodingOf(ctx);
        ctx.onlyDefault('options.stripBOM', true);
      }
      return {
        type: 'core.extractFromFile',
        parameters: compact({
          operation: operation === 'fromJson' ? 'json' : operation === 'text' ? 'text' : 'base64',
          binaryProperty,
          destinationKey: ctx.value('destinationKey', 'data'),
          encoding,
          // n8n keeps the item's fields only when Keep Source is set (to JSON); left unset, it does not.
          keepJson: ctx.has('options.keepSource') || undefined,
        }),
      };
    }
    if (operation === 'xlsx') {
      // Version 1 gives an XLSX file's cells their types with or without raw data (dates as serial numbers);
      // the CSV options are not used for a workbook.
      ctx.ignore('options.rawData', ...CSV_OPTIONS);
      if (ctx.literal<boolean>('options.readAsString', 'boolean', false))
        ctx.fail('options.readAsString', 'reading an XLSX workbook as text has no Flowloom equivalent');
      return { type: 'core.extractFromFile', parameters: compact({ operation: 'xlsx', binaryProperty, ...sheetOptions(ctx) }) };
    }
    ctx.onlyDefault('options.fromLine', 0);
    ctx.onlyDefault('options.maxRowCount', -1);
    ctx.onlyDefault('options.relaxQuotes', false);
    // Flowloom leaves a byte order mark out of CSV text, which is what n8n's Exclude BOM asks for; the
    // workbook options are not used for CSV.
    ctx.ignore('options.enableBOM', 'options.rawData', 'options.readAsString', 'options.sheetName', 'options.range');
    return {
      type: 'core.extractFromFile',
      parameters: compact({
        operation: 'csv',
        binaryProperty,
        encoding: encodingOf(ctx),
        headerRow: ctx.literal<boolean>('options.headerRow', 'boolean', true),
        delimiter: ctx.value('options.delimiter') || undefined,
        includeEmptyCells: ctx.literal<boolean>('options.includeEmptyCells', 'boolean', false),
      }),
    };
  },
};
