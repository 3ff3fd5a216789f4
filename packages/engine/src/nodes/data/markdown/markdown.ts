import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { defineNode } from '../../define-node.js';
import { copyJson } from '../shared/copy-json.js';
import { fieldList, setPath } from '../shared/field-path.js';
import { parameterError, preview } from '../shared/node-error.js';
import { withJson } from '../shared/item-result.js';
import { addTableRules, loadMarked, loadTurndown } from './markdown-libraries.js';

const toHtml = { show: { mode: ['markdownToHtml'] } };
const toMarkdown = { show: { mode: ['htmlToMarkdown'] } };

const properties = z.object({
  mode: z
    .enum(['markdownToHtml', 'htmlToMarkdown'])
    .default('markdownToHtml')
    .meta({
      label: 'Mode',
      options: [
        { value: 'markdownToHtml', label: 'Markdown to HTML' },
        { value: 'htmlToMarkdown', label: 'HTML to Markdown' },
      ],
    }),
  markdown: z.unknown().optional().meta({
    label: 'Markdown',
    description: 'The Markdown text, usually an expression such as {{ $json.text }}.',
    editor: 'multiline',
    displayOptions: toHtml,
  }),
  html: z.unknown().optional().meta({
    label: 'HTML',
    description: 'The HTML text, usually an expression such as {{ $json.body }}.',
    editor: 'multiline',
    displayOptions: toMarkdown,
  }),
  destinationKey: z
    .string()
    .min(1)
    .default('data')
    .meta({ label: 'Destination Key', description: 'The field the result is written to (a dot path); the item’s other fields are kept.' }),
  gfm: z
    .boolean()
    .default(true)
    .meta({ label: 'GitHub Flavored Markdown', description: 'Tables, strikethrough, task lists and bare links.', displayOptions: toHtml }),
  breaks: z
    .boolean()
    .default(false)
    .meta({ label: 'Line Breaks', description: 'Turn single line breaks into <br>.', displayOptions: toHtml }),
  completeDocument: z
    .boolean()
    .default(false)
    .meta({ label: 'Complete HTML Document', description: 'Wrap the HTML in <html>, <head> and <body>.', displayOptions: toHtml }),
  headingStyle: z
    .enum(['atx', 'setext'])
    .default('atx')
    .meta({
      label: 'Heading Style',
      options: [
        { value: 'atx', label: '# Heading' },
        { value: 'setext', label: 'Heading underlined with = and -' },
      ],
      displayOptions: toMarkdown,
    }),
  bulletListMarker: z.enum(['-', '*', '+']).default('-').meta({ label: 'Bullet Marker', displayOptions: toMarkdown }),
  codeBlockStyle: z.enum(['fenced', 'indented']).default('fenced').meta({ label: 'Code Block Style', displayOptions: toMarkdown }),
  emDelimiter: z.enum(['_', '*']).default('_').meta({ label: 'Emphasis Delimiter', displayOptions: toMarkdown }),
  strongDelimiter: z.enum(['**', '__']).default('**').meta({ label: 'Strong Delimiter', displayOptions: toMarkdown }),
  removeTags: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .meta({
      label: 'Leave Out Tags',
      description: 'Comma-separated tags left out with their content (scripts, styles and the head always are), e.g. img, nav.',
      displayOptions: toMarkdown,
    }),
  linkStyle: z
    .enum(['inlined', 'referenced'])
    .default('inlined')
    .meta({
      label: 'Link Style',
      options: [
        { value: 'inlined', label: '[text](url)' },
        { value: 'referenced', label: '[text][1] with the URLs listed at the end' },
      ],
      displayOptions: toMarkdown,
    }),
});

type Params = z.output<typeof properties>;

function textOf(nodeName: string, parameter: 'markdown' | 'html', value: unknown, itemIndex: number): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw parameterError(nodeName, parameter, `must be text, got ${preview(value)}`, itemIndex);
}

/** Converts Markdown to HTML (marked) and HTML to Markdown (turndown). */
export const markdownNode = defineNode({
  type: 'core.markdown',
  version: 1,
  displayName: 'Markdown',
  description: 'Converts Markdown to HTML, or HTML to Markdown, into a field of each item.',
  group: 'data',
  icon: 'file-text',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const name = ctx.node.name;
    const converters = new Map<string, (text: string) => string>();
    const converter = async (p: Params): Promise<(text: string) => string> => {
      const removeTags = fieldList(p.removeTags).map((t) => t.toLowerCase());
      const key = JSON.stringify([
        p.mode,
        p.gfm,
        p.breaks,
        p.completeDocument,
        p.headingStyle,
        p.bulletListMarker,
        p.codeBlockStyle,
        p.emDelimiter,
        p.strongDelimiter,
        p.linkStyle,
        removeTags,
      ]);
      let convert = converters.get(key);
      if (!convert) {
        if (p.mode === 'markdownToHtml') {
          const marked = new (await loadMarked()).Marked({ gfm: p.gfm, breaks: p.breaks, async: false });
          convert = p.completeDocument
            ? (text) =>
                `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n</head>\n<body>\n${marked.parse(text) as string}</body>\n</html>\n`
            : (text) => marked.parse(text) as string;
        } else {
          const Turndown = await loadTurndown();
          const service = new Turndown({
            headingStyle: p.headingStyle,
            bulletListMarker: p.bulletListMarker,
            codeBlockStyle: p.codeBlockStyle,
            emDelimiter: p.emDelimiter,
            strongDelimiter: p.strongDelimiter,
            linkStyle: p.linkStyle,
          });
          // A rule added here comes before turndown's own (its `remove` would not beat the rules for links and images).
          const left = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', ...removeTags]);
          service.addRule('leftOut', {
            filter: (node: { nodeName: string }) => left.has(node.nodeName.toLowerCase()),
            replacement: () => '',
          });
          addTableRules(service);
          convert = (text) => service.turndown(text);
        }
        converters.set(key, convert);
      }
      return convert;
    };
    const out: Item[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      const source = p.mode === 'markdownToHtml' ? textOf(name, 'markdown', p.markdown, i) : textOf(name, 'html', p.html, i);
      const json = copyJson(item.json);
      let result = '';
      if (source !== '') {
        const convert = await converter(p);
        try {
          result = convert(source);
        } catch (error) {
          // turndown parses with the page's DOMParser in browsers; a Web Worker has none.
          throw new NodeExecutionError(
            `Node '${name}': the ${p.mode === 'markdownToHtml' ? 'Markdown' : 'HTML'} could not be converted: ${(error as Error).message} (item ${i}).`,
            {
              code: 'CONVERSION_FAILED',
              retryable: false,
            },
          );
        }
      }
      setPath(json, p.destinationKey, result);
      out[i] = withJson(item, json, i);
    }
    return out;
  },
});
