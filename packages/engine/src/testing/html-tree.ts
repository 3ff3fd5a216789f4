// Reading an HTML page back as a browser builds it, for tests of the pages Flowloom serves (forms, chat): parse5 is a
// WHATWG-conformant parser, and these walk the tree it gives.

/** A node of parse5's default tree. */
export interface HtmlNode {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
}

/** Every node under `root` (itself included) that `match` accepts, in document order. */
export function elements(root: HtmlNode, match: (n: HtmlNode) => boolean): HtmlNode[] {
  const found: HtmlNode[] = [];
  const walk = (n: HtmlNode) => {
    if (match(n)) found.push(n);
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(root);
  return found;
}

/** An attribute's value, or undefined. */
export const attr = (n: HtmlNode, name: string): string | undefined => n.attrs?.find((a) => a.name === name)?.value;

/** The text a node holds, all of its descendants' text joined. */
export const text = (n: HtmlNode): string => (n.nodeName === '#text' ? n.value! : (n.childNodes ?? []).map(text).join(''));

/** The elements of a tag name. */
export const byTag = (root: HtmlNode, tag: string): HtmlNode[] => elements(root, (n) => n.nodeName === tag);

/** The element with an id, or undefined. */
export const byId = (root: HtmlNode, id: string): HtmlNode | undefined => elements(root, (n) => attr(n, 'id') === id)[0];
