import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { markdownNode } from './markdown.js';

interface Parse5Node {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Parse5Node[];
}

type Shape = string | [string, Record<string, string>, ...Shape[]];

/**
 * An HTML fragment as parse5 (a WHATWG-conformant parser) reads it, as
 * nested [tag, attributes, ...children] with text whitespace collapsed and
 * whitespace-only text dropped: the structure, not the layout.
 */
function shape(html: string): Shape[] {
  const walk = (nodes: Parse5Node[]): Shape[] =>
    nodes.flatMap((n): Shape[] => {
      if (n.nodeName === '#text') {
        const text = n.value!.replace(/\s+/g, ' ').trim();
        return text === '' ? [] : [text];
      }
      if (n.nodeName.startsWith('#')) return [];
      const attrs = Object.fromEntries((n.attrs ?? []).map((a) => [a.name, a.value]));
      return [[n.nodeName, attrs, ...walk(n.childNodes ?? [])]];
    });
  return walk((parseFragment(html) as unknown as Parse5Node).childNodes ?? []);
}

const convert = async (parameters: Record<string, unknown>, json: Record<string, unknown> = {}) =>
  (await callNode(markdownNode, parameters, { main: [{ json }] })).main![0]!.json;

describe('Markdown to HTML', () => {
  it('writes CommonMark structures as the spec gives them', async () => {
    const { data } = await convert({
      markdown:
        '# Title\n\nSome *em* and **strong** with `code` and [a link](https://x.test "T").\n\n> quoted\n\n1. one\n2. two\n\n```js\nlet a = 1 < 2;\n```\n',
    });
    expect(shape(data as string)).toEqual([
      ['h1', {}, 'Title'],
      [
        'p',
        {},
        'Some',
        ['em', {}, 'em'],
        'and',
        ['strong', {}, 'strong'],
        'with',
        ['code', {}, 'code'],
        'and',
        ['a', { href: 'https://x.test', title: 'T' }, 'a link'],
        '.',
      ],
      ['blockquote', {}, ['p', {}, 'quoted']],
      ['ol', {}, ['li', {}, 'one'], ['li', {}, 'two']],
      ['pre', {}, ['code', { class: 'language-js' }, 'let a = 1 < 2;']],
    ]);
  });

  it('writes GitHub tables and strikethrough, and line breaks when asked', async () => {
    const { data } = await convert({ markdown: '| a | b |\n|---|---|\n| 1 | ~~2~~ |' });
    expect(shape(data as string)).toEqual([
      [
        'table',
        {},
        ['thead', {}, ['tr', {}, ['th', {}, 'a'], ['th', {}, 'b']]],
        ['tbody', {}, ['tr', {}, ['td', {}, '1'], ['td', {}, ['del', {}, '2']]]],
      ],
    ]);
    expect(shape((await convert({ markdown: 'a\nb', breaks: true })).data as string)).toEqual([['p', {}, 'a', ['br', {}], 'b']]);
    expect(shape((await convert({ markdown: 'a\nb' })).data as string)).toEqual([['p', {}, 'a b']]);
  });

  it('wraps the HTML in a complete document when asked', async () => {
    const { data } = await convert({ markdown: '# T', completeDocument: true });
    expect(data).toBe('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n</head>\n<body>\n<h1>T</h1>\n</body>\n</html>\n');
    expect(shape(data as string)).toEqual([
      ['meta', { charset: 'utf-8' }],
      ['h1', {}, 'T'],
    ]);
  });

  it('keeps the item’s fields and writes the result at a dot path, per item', async () => {
    const { json } = await tryNode('core.markdown', { markdown: '{{ $json.text }}', destinationKey: 'out.html' }, [
      { id: 1, text: '*a*' },
      { id: 2, text: '' },
    ]);
    expect(json).toEqual([
      { id: 1, text: '*a*', out: { html: '<p><em>a</em></p>\n' } },
      { id: 2, text: '', out: { html: '' } },
    ]);
  });
});

describe('HTML to Markdown', () => {
  it('writes Markdown from HTML, leaving scripts and styles out', async () => {
    const { data } = await convert({
      mode: 'htmlToMarkdown',
      html: '<html><head><title>T</title><style>p{}</style></head><body><h2>Hi</h2><p>a <b>b</b> <i>c</i> <a href="https://x.test">l</a></p><script>steal()</script><ul><li>x</li><li>y</li></ul></body></html>',
    });
    expect(data).toBe('## Hi\n\na **b** _c_ [l](https://x.test)\n\n-   x\n-   y');
  });

  it('writes tables as GitHub tables, escaping pipes', async () => {
    const { data } = await convert({
      mode: 'htmlToMarkdown',
      html: '<table><thead><tr><th>name</th><th>note</th></tr></thead><tbody><tr><td>a|b</td><td>one\ntwo</td></tr><tr><td>c</td><td></td></tr></tbody></table>',
    });
    expect(data).toBe('| name | note |\n| --- | --- |\n| a\\|b | one two |\n| c |  |');
  });

  it('gives back the same structure through Markdown and marked, as parse5 reads both', async () => {
    const html =
      '<h1>Report</h1><p>Plain, <strong>strong</strong>, <em>em</em>, <code>x &lt; y</code> and <a href="https://e.test/a?b=1">a link</a>.</p>' +
      '<blockquote><p>Quote</p></blockquote><ol><li>first</li><li>second</li></ol>' +
      '<pre><code class="language-sh">echo "hi"\nls\n</code></pre>' +
      '<table><thead><tr><th>k</th><th>v</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table><hr><p>End</p>';
    const md = (await convert({ mode: 'htmlToMarkdown', html })).data as string;
    const back = (await convert({ markdown: md })).data as string;
    expect(shape(back)).toEqual(shape(html));
  });

  it('honours the style options', async () => {
    const { data } = await convert({
      mode: 'htmlToMarkdown',
      html: '<h1>T</h1><ul><li><em>e</em> <strong>s</strong></li></ul><pre><code>x</code></pre>',
      headingStyle: 'setext',
      bulletListMarker: '*',
      emDelimiter: '*',
      strongDelimiter: '__',
      codeBlockStyle: 'indented',
    });
    expect(data).toBe('T\n=\n\n*   *e* __s__\n\n    x');
  });

  it('leaves out the tags it is told to, with their content', async () => {
    const { data } = await convert({
      mode: 'htmlToMarkdown',
      html: '<nav>Menu</nav><p>Text <img src="a.png" alt="pic"></p>',
      removeTags: 'nav, IMG',
    });
    expect(data).toBe('Text');
  });

  it('names the parameter when the value is not text', async () => {
    const { error } = await tryNode('core.markdown', { mode: 'htmlToMarkdown', html: '{{ $json.body }}' }, [{ body: { a: 1 } }]);
    expect(error?.message).toBe("Node 'Node': parameter 'html' must be text, got an object (item 0).");
  });
});
