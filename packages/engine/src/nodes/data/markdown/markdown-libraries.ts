type Marked = typeof import('marked');
type TurndownService = typeof import('turndown');

let marked: Promise<Marked> | undefined;
let turndown: Promise<TurndownService> | undefined;

/** Loads marked (Markdown to HTML, CommonMark and GitHub Flavored Markdown) on first use. */
export function loadMarked(): Promise<Marked> {
  return (marked ??= import('marked'));
}

/**
 * Loads turndown (HTML to Markdown; a CommonJS module whose class is the
 * default export under ESM) on first use. In Node it parses HTML with its
 * bundled DOM; in browsers with the page's `DOMParser`.
 */
export function loadTurndown(): Promise<TurndownService> {
  return (turndown ??= import('turndown').then((m) => ((m as unknown as { default?: TurndownService }).default ?? m) as TurndownService));
}

/** The few DOM members the table rules read (the engine is compiled without DOM types). */
interface DomNode {
  readonly nodeName: string;
  readonly parentNode: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
}

const childElements = (node: DomNode, names: readonly string[]): DomNode[] =>
  Array.from(node.childNodes).filter((c) => names.includes(c.nodeName));

function tableOf(node: DomNode): DomNode | undefined {
  for (let at = node.parentNode; at; at = at.parentNode) if (at.nodeName === 'TABLE') return at;
  return undefined;
}

function firstRow(table: DomNode): DomNode | undefined {
  for (const child of Array.from(table.childNodes)) {
    if (child.nodeName === 'TR') return child;
    if (['THEAD', 'TBODY', 'TFOOT'].includes(child.nodeName)) {
      const row = childElements(child, ['TR'])[0];
      if (row) return row;
    }
  }
  return undefined;
}

/**
 * Rules writing HTML tables as GitHub Flavored Markdown tables; the first
 * row becomes the heading row, as Markdown tables must have one.
 */
export function addTableRules(service: InstanceType<TurndownService>): void {
  service.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content: string, node: DomNode) => {
      const first = node.parentNode ? childElements(node.parentNode, ['TH', 'TD'])[0] === node : true;
      const cell = content
        .trim()
        .replace(/\s*\n+\s*/g, ' ')
        .replace(/\|/g, '\\|');
      return `${first ? '| ' : ' '}${cell} |`;
    },
  });
  service.addRule('tableRow', {
    filter: 'tr',
    replacement: (content: string, node: DomNode) => {
      const table = tableOf(node);
      if (!table || firstRow(table) !== node) return `\n${content}`;
      const cells = childElements(node, ['TH', 'TD']).length;
      return `\n${content}\n|${' --- |'.repeat(cells)}`;
    },
  });
  service.addRule('tableSection', { filter: ['thead', 'tbody', 'tfoot'], replacement: (content: string) => content });
  service.addRule('table', {
    filter: 'table',
    replacement: (content: string) => `\n\n${content.replace(/\n+/g, '\n').trim()}\n\n`,
  });
}
