import { compact, fieldPath, type NodeMapping } from './mapping.js';

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
    ctx.onlyDefault('options.encoding', 'utf8', 'utf-8');
    const operation = ctx.literal<boolean>('options.jsonParse', 'boolean', false) ? 'json' : 'text';
    return { type: 'core.extractFromFile', parameters: { operation, ...parameters } };
  },
};

/**
 * Spreadsheet File (n8n's older node): writing a CSV file, and, in version 2,
 * reading one. Other formats (XLSX, ODS...) have no Flowloom equivalent;
 * version 1 detects the format of the file it reads as it runs, which the
 * importer cannot know, so it is reported.
 */
export const spreadsheetFileMapping: NodeMapping = {
  versions: [1, 2],
  map(ctx) {
    const operation = ctx.choice('operation', ['fromFile', 'toFile'], 'fromFile');
    const binaryProperty = ctx.value('binaryPropertyName', 'data');
    if (operation === 'toFile') {
      const format = ctx.literal<string>('fileFormat', 'string', 'xlsx');
      if (format !== 'csv') ctx.fail('fileFormat', `Flowloom writes CSV files only; '${format}' has no equivalent`);
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
      ctx.fail(
        'operation',
        "version 1 reads a file in whichever format it turns out to have, which cannot be known before it runs; Flowloom's Extract from File reads CSV or JSON",
      );
    }
    const format = ctx.literal<string>('fileFormat', 'string', 'csv');
    if (format !== 'csv') ctx.fail('fileFormat', `Flowloom reads CSV files only; '${format}' has no equivalent`);
    // Flowloom reads every CSV cell as text, as n8n does unless asked for raw values; reading the file as a
    // string is how Flowloom reads a CSV file anyway.
    ctx.onlyDefault('options.rawData', false);
    ctx.ignore('options.readAsString');
    ctx.ignore('options.sheetName', 'options.range');
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
