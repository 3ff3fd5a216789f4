import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../../model/item.js';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { htmlNode } from './html.js';

const PAGE = `<!doctype html>
<html><head><title>Shop</title><style>.x{}</style></head>
<body>
  <h1 class="title">Spring &amp; Summer <small>sale</small></h1>
  <ul id="products">
    <li class="product" data-sku="a1"><a href="/p/a1">Café  crème</a> <span class="price">3.50</span></li>
    <li class="product" data-sku="b2"><a href="/p/b2">Thé
      vert</a> <span class="price">2.00</span><script>track('b2')</script></li>
    <li class="product sold-out" data-sku="c3"><a href="/p/c3">Jus</a> <span class="price">4.10</span></li>
  </ul>
  <form><input name="q" value="tea"><select name="size"><option value="s">S</option><option value="m" selected>M</option></select><textarea name="note">hello</textarea></form>
</body></html>`;

interface P5 {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5[];
}

/** parse5 (WHATWG-conformant) as the oracle: the elements with a tag and class, in document order. */
function p5Elements(html: string, tag: string, className?: string): P5[] {
  const found: P5[] = [];
  const walk = (n: P5) => {
    const classes = n.attrs?.find((a) => a.name === 'class')?.value.split(/\s+/) ?? [];
    if (n.nodeName === tag && (className === undefined || classes.includes(className))) found.push(n);
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parse(html) as unknown as P5);
  return found;
}
const p5Text = (n: P5): string => (n.nodeName === '#text' ? n.value! : (n.childNodes ?? []).map(p5Text).join(''));
const p5Attr = (n: P5, name: string) => n.attrs?.find((a) => a.name === name)?.value;

const extract = async (values: Record<string, unknown>[], options: Record<string, unknown> = {}, html = PAGE) =>
  (await callNode(htmlNode, { extractionValues: values, ...options }, { main: [{ json: { data: html } }] })).main![0]!.json;

describe('HTML: extract', () => {
  it('extracts text, HTML and attributes by CSS selector, as parse5 reads the page', async () => {
    const json = await extract(
      [
        { key: 'names', cssSelector: 'li.product > a', returnArray: true },
        { key: 'links', cssSelector: 'li.product a', returnValue: 'attribute', attribute: 'href', returnArray: true },
        { key: 'skus', cssSelector: 'li.product', returnValue: 'attribute', attribute: 'data-sku', returnArray: true },
        { key: 'firstPrice', cssSelector: '.price', returnValue: 'html' },
      ],
      { trimValues: false, cleanUpText: false },
    );
    const anchors = p5Elements(PAGE, 'a');
    expect(json.names).toEqual(anchors.map(p5Text));
    expect(json.links).toEqual(anchors.map((a) => p5Attr(a, 'href')));
    expect(json.skus).toEqual(p5Elements(PAGE, 'li', 'product').map((li) => p5Attr(li, 'data-sku')));
    expect(json.firstPrice).toBe(p5Text(p5Elements(PAGE, 'span', 'price')[0]!));
  });

  it('trims and cleans up text by default, and joins the text of every match without Return Array', async () => {
    const json = await extract([
      { key: 'title', cssSelector: 'h1.title' },
      { key: 'names', cssSelector: 'li.product > a', returnArray: true },
      { key: 'prices', cssSelector: '.price' },
    ]);
    expect(json).toEqual({ title: 'Spring & Summer sale', names: ['Café crème', 'Thé vert', 'Jus'], prices: '3.502.004.10' });
  });

  it('reads form values: input, selected option, textarea', async () => {
    const json = await extract([
      { key: 'q', cssSelector: 'input[name=q]', returnValue: 'value' },
      { key: 'size', cssSelector: 'select', returnValue: 'value' },
      { key: 'note', cssSelector: 'textarea', returnValue: 'value' },
    ]);
    expect(json).toEqual({ q: 'tea', size: 'm', note: 'hello' });
  });

  it('leaves out the text of skipped elements, and gives null or [] when nothing matches', async () => {
    const json = await extract([
      { key: 'item', cssSelector: 'li[data-sku=b2]', skipSelectors: 'script, .price' },
      { key: 'none', cssSelector: '.missing', returnValue: 'attribute', attribute: 'href' },
      { key: 'noText', cssSelector: '.missing' },
      { key: 'noList', cssSelector: '.missing', returnArray: true },
    ]);
    expect(json).toEqual({ item: 'Thé vert', none: null, noText: '', noList: [] });
  });

  it('reads the HTML from a file of the item', async () => {
    const item: Item = { json: {}, binary: { page: { mimeType: 'text/html', data: Buffer.from(PAGE).toString('base64') } } };
    const { json } = await tryNode(
      'core.html',
      { sourceData: 'binary', binaryProperty: 'page', extractionValues: [{ key: 'sold', cssSelector: '.sold-out a' }] },
      [item],
    );
    expect(json).toEqual([{ sold: 'Jus' }]);
  });

  it('names the extraction value whose selector is invalid, and the field that holds no HTML', async () => {
    const bad = await tryNode(
      'core.html',
      {
        extractionValues: [
          { key: 'a', cssSelector: 'p' },
          { key: 'b', cssSelector: 'a[' },
        ],
      },
      [{ data: '<p/>' }],
    );
    expect(bad.error?.message).toMatch(
      /^Node 'Node': parameter 'extractionValues\[1\]\.cssSelector' is not a valid CSS selector \("a\["\): .* \(item 0\)\.$/,
    );
    const missing = await tryNode('core.html', { dataPropertyName: 'body', extractionValues: [{ key: 'a', cssSelector: 'p' }] }, [
      { data: '<p/>' },
    ]);
    expect(missing.error?.message).toBe(
      "Node 'Node': parameter 'dataPropertyName' names 'body', which holds nothing (the field is missing), not HTML text (item 0).",
    );
  });
});

describe('HTML: other operations', () => {
  it('converts a page to the plain text a reader sees', async () => {
    const html = `<html><head><title>T</title><script>x()</script></head><body>
      <h1>Order   shipped</h1><p>Hello <b>Ann</b>,<br>your parcel is on its way.</p>
      <ol start="3"><li>Box</li><li>Letter <i>(signed)</i></li></ol>
      <table><tr><th>Item</th><th>Qty</th></tr><tr><td>Tea</td><td>2</td></tr></table>
      <pre>  keep
    this</pre><div>Bye<nav class="menu">Menu</nav></div></body></html>`;
    const { json } = await tryNode('core.html', { operation: 'toText', skipSelectors: '.menu' }, [{ id: 1, data: html }]);
    expect(json).toEqual([
      {
        id: 1,
        data: html,
        text: 'Order shipped\n\nHello Ann,\nyour parcel is on its way.\n\n3. Box\n4. Letter (signed)\n\nItem\tQty\nTea\t2\n\n  keep\n    this\n\nBye',
      },
    ]);
  });

  it('fills a template per item with the expressions resolved', async () => {
    const { json } = await tryNode('core.html', { operation: 'template', html: '<h1>Hi {{ $json.name }}</h1>' }, [
      { name: 'Ann' },
      { name: 'Bo' },
    ]);
    expect(json).toEqual([{ html: '<h1>Hi Ann</h1>' }, { html: '<h1>Hi Bo</h1>' }]);
  });

  it('writes every item as a row of one escaped table that parse5 reads back', async () => {
    const { json } = await tryNode('core.html', { operation: 'toTable', capitalize: true, tableAttributes: 'class="t"' }, [
      { name: 'A <b>', tags: ['x'] },
      { name: 'B', extra: 1 },
    ]);
    const table = json[0]!.table as string;
    expect(p5Elements(table, 'th').map(p5Text)).toEqual(['Name', 'Tags', 'Extra']);
    expect(p5Elements(table, 'td').map(p5Text)).toEqual(['A <b>', '["x"]', '', 'B', '', '1']);
    expect(p5Attr(p5Elements(table, 'table')[0]!, 'class')).toBe('t');
  });
});
