import { isExpression, type MapContext } from '../map-context.js';
import { compact, fieldPath, fieldPaths, type MappedNode, type NodeMapping } from './mapping.js';

/** One row of n8n's `extractionValues.values` as the HTML node's extraction value. */
function extractionValues(ctx: MapContext, withSkipSelectors: boolean): Record<string, unknown>[] {
  const at = 'extractionValues.values';
  // A row without a selector extracts nothing in n8n; it is left out.
  return ctx.rows(at, ['cssSelector']).map((i) => {
    const row = `${at}[${i}]`;
    const returnValue = ctx.choice(`${row}.returnValue`, ['text', 'html', 'attribute', 'value'], 'text');
    // n8n shows these only for the return value they belong to; elsewhere they are leftovers.
    const attribute = returnValue === 'attribute' ? ctx.value(`${row}.attribute`, '') : undefined;
    const skipSelectors = withSkipSelectors && returnValue === 'text' ? ctx.value(`${row}.skipSelectors`) || undefined : undefined;
    ctx.ignore(`${row}.attribute`, `${row}.skipSelectors`);
    return compact({
      key: ctx.value(`${row}.key`, ''),
      cssSelector: ctx.value(`${row}.cssSelector`),
      returnValue,
      attribute,
      skipSelectors,
      returnArray: ctx.literal<boolean>(`${row}.returnArray`, 'boolean', false),
    });
  });
}

/** Extract HTML Content (HTML v1+) and the older HTML Extract node: the same parameters. */
function extractHtml(ctx: MapContext, legacy: boolean): MappedNode {
  const sourceData = ctx.choice('sourceData', ['json', 'binary'], 'json');
  // The older node names the file in `dataPropertyName` too; the HTML node in `binaryPropertyName`.
  const binaryProperty =
    sourceData === 'binary' ? (legacy ? ctx.value('dataPropertyName', 'data') : ctx.value('binaryPropertyName', 'data')) : undefined;
  if (sourceData === 'json') ctx.ignore('binaryPropertyName');
  // n8n leaves values as found unless these options are added.
  return {
    type: 'core.html',
    parameters: compact({
      operation: 'extract',
      sourceData,
      dataPropertyName: sourceData === 'json' ? ctx.value('dataPropertyName', 'data') : undefined,
      binaryProperty,
      extractionValues: extractionValues(ctx, !legacy),
      trimValues: ctx.literal<boolean>('options.trimValues', 'boolean', false),
      cleanUpText: legacy ? false : ctx.literal<boolean>('options.cleanUpText', 'boolean', false),
    }),
  };
}

/** HTML: generate a template, extract content by CSS selector, or convert items to a table. */
export const htmlMapping: NodeMapping = {
  versions: [1, 1.1, 1.2],
  map(ctx) {
    const operation = ctx.choice('operation', ['generateHtmlTemplate', 'extractHtmlContent', 'convertToHtmlTable'], 'generateHtmlTemplate');
    if (operation === 'extractHtmlContent') return extractHtml(ctx, false);
    if (operation === 'convertToHtmlTable') {
      ctx.onlyDefault('options.customStyling', false);
      return {
        type: 'core.html',
        parameters: compact({
          operation: 'toTable',
          capitalize: ctx.literal<boolean>('options.capitalize', 'boolean', false),
          caption: ctx.value('options.caption'),
          tableAttributes: ctx.value('options.tableAttributes'),
          headerAttributes: ctx.value('options.headerAttributes'),
          rowAttributes: ctx.value('options.rowAttributes'),
          cellAttributes: ctx.value('options.cellAttributes'),
        }),
      };
    }
    // n8n resolves the {{ }} in a template whether or not the value is marked as an expression.
    const raw = ctx.raw('html');
    if (raw !== undefined && typeof raw !== 'string') ctx.fail('html', 'the template is not text');
    const html = raw === undefined ? '' : ctx.convert(isExpression(raw) ? raw : `=${raw}`, 'html');
    ctx.warn('html', 'html-template-escaping', 'values are inserted into the page as they are, as in n8n: escape untrusted ones');
    return { type: 'core.html', parameters: { operation: 'template', html } };
  },
};

/** HTML Extract (the node HTML replaced): extraction by CSS selector. */
export const htmlExtractMapping: NodeMapping = { versions: [1], map: (ctx) => extractHtml(ctx, true) };

/** XML: XML to JSON (xml2js options) and JSON to XML. */
export const xmlMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const mode = ctx.choice('mode', ['xmlToJson', 'jsonToxml'], 'xmlToJson');
    const keys = { attributeKey: ctx.value('options.attrkey') || undefined, textKey: ctx.value('options.charkey') || undefined };
    const dataPropertyName = ctx.value('dataPropertyName', 'data');
    if (mode === 'jsonToxml') {
      ctx.onlyDefault('options.allowSurrogateChars', false);
      const rootName = ctx.literal<string>('options.rootName', 'string', 'root');
      return {
        type: 'core.xml',
        parameters: compact({
          operation: 'jsonToXml',
          dataPropertyName,
          ...keys,
          // With the default root name, an item holding one field is written with that field as its root, as n8n does.
          rootName: rootName === 'root' ? undefined : rootName,
          headless: ctx.literal<boolean>('options.headless', 'boolean', false),
          cdata: ctx.literal<boolean>('options.cdata', 'boolean', false),
        }),
      };
    }
    ctx.onlyDefault('options.includeWhiteChars', false);
    return {
      type: 'core.xml',
      parameters: compact({
        operation: 'xmlToJson',
        dataPropertyName,
        ...keys,
        mergeAttributes: ctx.literal<boolean>('options.mergeAttrs', 'boolean', true),
        explicitArray: ctx.literal<boolean>('options.explicitArray', 'boolean', false),
        explicitRoot: ctx.literal<boolean>('options.explicitRoot', 'boolean', true),
        explicitTextKey: ctx.literal<boolean>('options.explicitCharkey', 'boolean', false),
        ignoreAttributes: ctx.literal<boolean>('options.ignoreAttrs', 'boolean', false),
        trim: ctx.literal<boolean>('options.trim', 'boolean', false),
        normalize: ctx.literal<boolean>('options.normalize', 'boolean', false),
        normalizeTags: ctx.literal<boolean>('options.normalizeTags', 'boolean', false),
      }),
    };
  },
};

/** Markdown: Markdown to HTML (n8n: showdown; Flowloom: marked) and HTML to Markdown (n8n: node-html-markdown; Flowloom: turndown). */
export const markdownMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const mode = ctx.choice('mode', ['htmlToMarkdown', 'markdownToHtml'], 'htmlToMarkdown');
    const destinationKey = ctx.value('destinationKey', 'data');
    if (mode === 'markdownToHtml') {
      const flag = (name: string) => ctx.literal<boolean>(`options.${name}`, 'boolean', false);
      // showdown's defaults are plain Markdown; its GitHub options turn on what marked's GFM mode has.
      const gfm = ['tables', 'strikethrough', 'tasklists', 'simplifiedAutoLink', 'ghCodeBlocks'].map(flag).some(Boolean);
      const breaks = flag('simpleLineBreaks');
      if (!flag('noHeaderId')) {
        ctx.warn('options.noHeaderId', 'markdown-heading-ids', 'n8n gives headings id attributes; Flowloom writes headings without them');
      }
      ctx.ignore('options.customizedHeaderId', 'options.rawHeaderId', 'options.ghCompatibleHeaderId', 'options.prefixHeaderId');
      const completeDocument = flag('completeHTMLDocument');
      for (const option of ['emoji', 'backslashEscapesHTMLTags', 'openLinksInNewWindow', 'underline', 'smartIndentationFix']) {
        ctx.onlyDefault(`options.${option}`, false);
      }
      ctx.warn(
        undefined,
        'markdown-renderer',
        'Markdown is rendered by marked rather than showdown; the HTML can differ in details such as spacing',
      );
      return {
        type: 'core.markdown',
        parameters: { mode, markdown: ctx.value('markdown', ''), destinationKey, gfm, breaks, completeDocument },
      };
    }
    ctx.onlyDefault('options.codeFence', '```');
    ctx.onlyDefault('options.maxConsecutiveNewlines', 3);
    ctx.onlyDefault('options.keepDataImages', false);
    const inline = ctx.literal<boolean>('options.useInlineLinks', 'boolean', true);
    const referenced = ctx.literal<boolean>('options.useLinkReferenceDefinitions', 'boolean', false);
    return {
      type: 'core.markdown',
      parameters: compact({
        mode,
        html: ctx.value('html', ''),
        destinationKey,
        bulletListMarker: ctx.choice('options.bulletMarker', ['*', '-', '+'], '*'),
        codeBlockStyle: ctx.choice('options.codeBlockStyle', ['fenced', 'indented'], 'fenced'),
        emDelimiter: ctx.choice('options.emDelimiter', ['_', '*'], '_'),
        strongDelimiter: ctx.choice('options.strongDelimiter', ['**', '__'], '**'),
        linkStyle: referenced || !inline ? 'referenced' : undefined,
        removeTags: fieldPaths(ctx, 'options.ignore', ctx.raw('options.ignore')),
      }),
    };
  },
};

/** Compression: zip and gzip, compress and decompress. */
export const compressionMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx) {
    const operation = ctx.choice('operation', ['compress', 'decompress'], 'decompress');
    const binaryProperty = ctx.value('binaryPropertyName', 'data');
    if (operation === 'decompress') {
      return { type: 'core.compression', parameters: { operation, binaryProperty, outputPrefix: ctx.value('outputPrefix', 'file_') } };
    }
    if (ctx.version < 1.1 && !ctx.has('outputFormat'))
      ctx.fail('outputFormat', 'the output format of a version 1 node must be given to be carried over');
    const format = ctx.choice('outputFormat', ['zip', 'gzip'], 'zip');
    if (format === 'gzip') {
      ctx.ignore('fileName', 'binaryPropertyOutput');
      return {
        type: 'core.compression',
        parameters: { operation, binaryProperty, format, outputPrefix: ctx.value('outputPrefix', 'data') },
      };
    }
    ctx.ignore('outputPrefix');
    return {
      type: 'core.compression',
      parameters: compact({
        operation,
        binaryProperty,
        format,
        fileName: ctx.value('fileName') || undefined,
        outputBinaryProperty: ctx.value('binaryPropertyOutput', 'data'),
      }),
    };
  },
};

const COMPARE_OUTPUTS = ['inAOnly', 'same', 'different', 'inBOnly'] as const;
const RESOLVE = { preferInput1: 'preferA', preferInput2: 'preferB', mix: 'mix', includeBoth: 'includeBoth' } as const;

/** Compare Datasets: inputs A and B, outputs in A only, same, different, in B only. */
export const compareDatasetsMapping: NodeMapping = {
  versions: [1, 2, 2.1, 2.2, 2.3],
  map(ctx) {
    const at = 'mergeByFields.values';
    const fields = ctx.rows(at, ['field1', 'field2']).map((i) => ({
      fieldA: fieldPath(ctx, `${at}[${i}].field1`, ctx.literal<string>(`${at}[${i}].field1`, 'string', '')),
      fieldB: fieldPath(ctx, `${at}[${i}].field2`, ctx.literal<string>(`${at}[${i}].field2`, 'string', '')),
    }));
    if (fields.length === 0) ctx.fail('mergeByFields', 'no fields to match are given');
    const resolve = RESOLVE[ctx.choice('resolve', ['preferInput1', 'preferInput2', 'mix', 'includeBoth'], 'preferInput2')];
    let mix: Record<string, unknown> = {};
    if (resolve === 'mix') {
      const prefer = ctx.choice('preferWhenMix', ['preferInput1', 'preferInput2'], 'preferInput1');
      mix = {
        preferWhenMix: prefer === 'preferInput1' ? 'preferA' : 'preferB',
        exceptWhenMix: fieldPaths(ctx, 'exceptWhenMix', ctx.raw('exceptWhenMix')),
      };
    } else ctx.ignore('preferWhenMix', 'exceptWhenMix');
    ctx.onlyDefault('options.disableDotNotation', false);
    return {
      type: 'core.compareDatasets',
      parameters: compact({
        fields,
        resolve,
        ...mix,
        fuzzyCompare:
          ctx.literal<boolean>('fuzzyCompare', 'boolean', false) || ctx.literal<boolean>('options.fuzzyCompare', 'boolean', false),
        skipFields: fieldPaths(ctx, 'options.skipFields', ctx.raw('options.skipFields')),
        multipleMatches: ctx.choice('options.multipleMatches', ['all', 'first'], 'all'),
      }),
      input: (i) => (i === 0 ? 'inputA' : i === 1 ? 'inputB' : undefined),
      outputs: (i) => (COMPARE_OUTPUTS[i] ? [COMPARE_OUTPUTS[i]] : []),
    };
  },
};

/** RSS Read: one item per feed entry. */
export const rssFeedReadMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx) {
    ctx.onlyDefault('options.ignoreSSL', false);
    if (ctx.version < 1.1) {
      ctx.warn('url', 'rss-per-item', 'n8n version 1 reads the feed once; Flowloom reads it once for each input item');
    }
    return { type: 'core.rssRead', parameters: { url: ctx.value('url', '') } };
  },
};
