import type { HtmlElement, HtmlLibrary, HtmlNode } from './html-library.js';

/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'canvas', 'iframe', 'object']);

/** Elements set on lines of their own, separated by a blank line. */
const PARAGRAPHS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'dl', 'hr', 'figure',
  'header', 'footer', 'section', 'article', 'aside', 'nav', 'main', 'address', 'details', 'form', 'fieldset',
]); // prettier-ignore

/** Elements set on lines of their own. */
const LINES = new Set(['div', 'li', 'dt', 'dd', 'tr', 'caption', 'figcaption', 'summary', 'body', 'html', 'legend', 'option']);

/**
 * The text of an element, as its `textContent`: every text node below it,
 * joined, leaving out the elements in `skip`.
 */
export function textContent(lib: HtmlLibrary, node: HtmlNode, skip: ReadonlySet<HtmlNode>): string {
  if (skip.has(node)) return '';
  if (lib.isText(node)) return node.data;
  if (!('children' in node)) return '';
  let text = '';
  for (const child of node.children) text += textContent(lib, child as HtmlNode, skip);
  return text;
}

/**
 * HTML as plain text a person would read: block elements on lines of their
 * own (paragraphs, headings, lists and tables apart by a blank line), list
 * items marked `- ` or `1. `, table cells apart by a tab, `<br>` as a line
 * break, whitespace collapsed except in `<pre>`, and scripts, styles and the
 * document head left out, with the elements in `skip`.
 */
export function htmlToText(lib: HtmlLibrary, nodes: readonly HtmlNode[], skip: ReadonlySet<HtmlNode>): string {
  let out = '';
  /** Line breaks owed before the next text: 1 a new line, 2 a blank line. */
  let owed = 0;
  let prefix = '';
  const write = (text: string, pre: boolean) => {
    if (text === '') return;
    if (out !== '' && owed > 0) out = out.replace(/[ \t]+$/, '') + '\n'.repeat(owed);
    owed = 0;
    const atLineStart = out === '' || out.endsWith('\n');
    if (!pre) {
      text = text.replace(/\s+/g, ' ');
      if (atLineStart || out.endsWith(' ')) text = text.replace(/^ /, '');
      if (text === '') return;
    }
    if (atLineStart && prefix !== '') {
      out += prefix;
      prefix = '';
    }
    out += text;
  };
  const owe = (n: number) => {
    owed = Math.max(owed, n);
  };
  const walk = (node: HtmlNode, pre: boolean): void => {
    if (skip.has(node)) return;
    if (lib.isText(node)) return write(node.data, pre);
    if (!lib.isElement(node)) {
      if ('children' in node) for (const child of node.children) walk(child as HtmlNode, pre);
      return;
    }
    const name = node.name.toLowerCase();
    if (HIDDEN.has(name)) return;
    if (name === 'br') {
      out = out.replace(/[ \t]+$/, '') + '\n';
      return;
    }
    const block = PARAGRAPHS.has(name) ? 2 : LINES.has(name) ? 1 : 0;
    if (block) owe(block);
    if (name === 'li') prefix = listMarker(lib, node);
    if ((name === 'td' || name === 'th') && hasCellBefore(lib, node)) write('\t', true);
    for (const child of node.children) walk(child as HtmlNode, pre || name === 'pre');
    if (block) owe(block);
  };
  for (const node of nodes) walk(node, false);
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function listMarker(lib: HtmlLibrary, li: HtmlElement): string {
  const list = li.parent;
  if (!list || !lib.isElement(list as HtmlNode) || (list as HtmlElement).name.toLowerCase() !== 'ol') return '- ';
  const start = Number(lib.attribute(list as HtmlElement, 'start') ?? 1);
  let n = Number.isFinite(start) ? start : 1;
  for (const sibling of (list as HtmlElement).children) {
    if (sibling === li) break;
    if (lib.isElement(sibling as HtmlNode) && (sibling as HtmlElement).name.toLowerCase() === 'li') n++;
  }
  return `${n}. `;
}

function hasCellBefore(lib: HtmlLibrary, cell: HtmlElement): boolean {
  for (let at = cell.prev; at; at = at.prev) {
    if (lib.isElement(at as HtmlNode) && ['td', 'th'].includes((at as HtmlElement).name.toLowerCase())) return true;
  }
  return false;
}
