type DomUtils = typeof import('domutils');

/** A parsed HTML document (htmlparser2's DOM, which needs no browser). */
export type HtmlDocument = ReturnType<(typeof import('htmlparser2'))['parseDocument']>;
/** Any node of a parsed document. */
export type HtmlNode = HtmlDocument['children'][number];
/** An element of a parsed document. */
export type HtmlElement = Parameters<DomUtils['getAttributeValue']>[0];

/** What the HTML node uses of htmlparser2, css-select and domutils. */
export interface HtmlLibrary {
  /** Parses HTML (forgiving, as browsers are) into a DOM. */
  parse(html: string): HtmlDocument;
  /** Every element matching a CSS selector under `root`, in document order; throws on an invalid selector. */
  selectAll(selector: string, root: HtmlNode | HtmlDocument | HtmlNode[]): HtmlElement[];
  /** The HTML inside an element. */
  innerHtml(element: HtmlElement): string;
  /** The value of an attribute, or undefined. */
  attribute(element: HtmlElement, name: string): string | undefined;
  isElement(node: HtmlNode): node is HtmlElement;
  isText(node: HtmlNode): node is HtmlNode & { data: string };
}

let loaded: Promise<HtmlLibrary> | undefined;

/** Loads htmlparser2, css-select and domutils (pure JS, the same in browsers, workers and Node) on first use. */
export function loadHtml(): Promise<HtmlLibrary> {
  return (loaded ??= Promise.all([import('htmlparser2'), import('css-select'), import('domutils')]).then(
    ([htmlparser2, cssSelect, domutils]) => ({
      parse: (html) => htmlparser2.parseDocument(html),
      selectAll: (selector, root) => cssSelect.selectAll(selector, root) as HtmlElement[],
      innerHtml: (element) => domutils.getInnerHTML(element),
      attribute: (element, name) => domutils.getAttributeValue(element, name),
      // Script and style elements have types of their own; all three are elements.
      isElement: (node): node is HtmlElement =>
        node.type === htmlparser2.ElementType.Tag ||
        node.type === htmlparser2.ElementType.Script ||
        node.type === htmlparser2.ElementType.Style,
      isText: (node): node is HtmlNode & { data: string } => node.type === htmlparser2.ElementType.Text,
    }),
  ));
}
