import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { xmlNode } from './xml.js';

/**
 * Python's ElementTree, an independent parser: the document as
 * `{ tag, attrib, text, children }` (text stripped, None as "").
 */
function parseWithPython(xml: string): unknown {
  const script = [
    'import sys, json, xml.etree.ElementTree as ET',
    'def walk(e): return {"tag": e.tag, "attrib": e.attrib, "text": (e.text or "").strip(), "children": [walk(c) for c in e]}',
    'print(json.dumps(walk(ET.fromstring(sys.stdin.read().encode("utf-8")))))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: xml, encoding: 'utf8' }));
}

const ORDER = `<?xml version="1.0" encoding="UTF-8"?>
<!-- an order -->
<order id="A-17" status="paid">
  <customer vip="true">Zoë &amp; Co &#169;</customer>
  <line sku="p1"><qty>2</qty><note><![CDATA[fragile <glass>]]></note></line>
  <line sku="p2"><qty>1</qty><note/></line>
  <empty></empty>
  <total currency="EUR">19.90</total>
</order>`;

const toJson = async (xml: string, options: Record<string, unknown> = {}) =>
  (await callNode(xmlNode, options, { main: [{ json: { data: xml } }] })).main![0]!.json;

describe('XML to JSON', () => {
  it('gives the usual shape: text-only elements as text, repeats as lists, attributes merged, text beside them under _', async () => {
    expect(await toJson(ORDER)).toEqual({
      order: {
        id: 'A-17',
        status: 'paid',
        customer: { vip: 'true', _: 'Zoë & Co ©' },
        line: [
          { sku: 'p1', qty: '2', note: 'fragile <glass>' },
          { sku: 'p2', qty: '1', note: '' },
        ],
        empty: '',
        total: { currency: 'EUR', _: '19.90' },
      },
    });
  });

  it('reads the same text and attributes as Python’s ElementTree', async () => {
    const ours = (await toJson(ORDER, { explicitArray: true, mergeAttributes: false })) as {
      order: { $: Record<string, string>; line: { $: Record<string, string>; note: unknown[] }[]; customer: { _: string }[] };
    };
    const python = parseWithPython(ORDER) as {
      attrib: Record<string, string>;
      children: { tag: string; attrib: Record<string, string>; text: string; children: { text: string }[] }[];
    };
    expect(ours.order.$).toEqual(python.attrib);
    const lines = python.children.filter((c) => c.tag === 'line');
    expect(ours.order.line.map((l) => l.$)).toEqual(lines.map((l) => l.attrib));
    expect(ours.order.line.map((l) => l.note[0])).toEqual(lines.map((l) => l.children[1]!.text));
    expect(ours.order.customer[0]!._).toBe(python.children[0]!.text);
  });

  it('keeps attributes apart, lists every child, drops the root, or ignores attributes when asked', async () => {
    const xml = '<r a="1"><x>1</x><y k="v"/></r>';
    expect(await toJson(xml, { mergeAttributes: false })).toEqual({ r: { $: { a: '1' }, x: '1', y: { $: { k: 'v' } } } });
    expect(await toJson(xml, { explicitArray: true })).toEqual({ r: { a: '1', x: ['1'], y: [{ k: 'v' }] } });
    expect(await toJson(xml, { explicitRoot: false, ignoreAttributes: true })).toEqual({ x: '1', y: '' });
    expect(await toJson('<R><X>t</X></R>', { normalizeTags: true, explicitTextKey: true })).toEqual({ r: { x: { _: 't' } } });
  });

  it('trims and normalizes text when asked, and keeps it as written otherwise', async () => {
    const xml = '<p>  two   words\n here </p>';
    expect(await toJson(xml)).toEqual({ p: '  two   words\n here ' });
    expect(await toJson(xml, { trim: true })).toEqual({ p: 'two   words\n here' });
    expect(await toJson(xml, { normalize: true })).toEqual({ p: 'two words here' });
  });

  it('keeps element names that are also JavaScript property names as plain fields', async () => {
    const json = await toJson('<a __proto__="x"><constructor>c</constructor><toString>t</toString></a>');
    expect(Object.keys(json.a as object)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf(json.a)).toBe(Object.prototype);
  });

  it('does not expand entities declared in a DOCTYPE', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>';
    const json = await toJson(bomb);
    expect(String(json.l).length).toBeLessThan(20);
  });

  it('names the parameter, the line and the item when the XML is malformed or missing', async () => {
    const { error } = await tryNode('core.xml', {}, [{ data: '<a>ok</a>' }, { data: '<a>\n<b></a>' }]);
    expect(error?.message).toMatch(
      /^Node 'Node': parameter 'dataPropertyName' names 'data', whose XML is not well-formed: .*line 2.*\(item 1\)\.$/,
    );
    const twoRoots = await tryNode('core.xml', {}, [{ data: '<a/><b/>' }]);
    expect(twoRoots.error?.message).toMatch(/has 2 root elements where XML allows one \(item 0\)/);
    const missing = await tryNode('core.xml', { dataPropertyName: 'body.xml' }, [{ body: {} }]);
    expect(missing.error?.message).toMatch(/names 'body.xml', which holds nothing \(the field is missing\), not XML text/);
  });
});

describe('JSON to XML', () => {
  const toXml = async (json: Record<string, unknown>, options: Record<string, unknown> = {}) =>
    (await callNode(xmlNode, { operation: 'jsonToXml', ...options }, { main: [{ json }] })).main![0]!.json.data as string;

  it('writes the item as pretty XML with a declaration, the one field as root', async () => {
    expect(
      await toXml({
        order: {
          $: { id: 7 },
          item: [
            { sku: 'a', qty: 2 },
            { sku: 'b & c', qty: 1 },
          ],
          note: null,
        },
      }),
    ).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<order id="7">',
        '  <item>',
        '    <sku>a</sku>',
        '    <qty>2</qty>',
        '  </item>',
        '  <item>',
        '    <sku>b &amp; c</sku>',
        '    <qty>1</qty>',
        '  </item>',
        '  <note/>',
        '</order>',
      ].join('\n'),
    );
  });

  it('wraps several fields in the root name, headless and compact when asked', async () => {
    expect(await toXml({ a: 1, b: { _: 'text', $: { k: 'v"q' } } }, { headless: true, pretty: false, rootName: 'data' })).toBe(
      '<data><a>1</a><b k="v&quot;q">text</b></data>',
    );
    expect(await toXml({ a: 1, b: true }, { headless: true, pretty: false })).toBe('<root><a>1</a><b>true</b></root>');
  });

  it('writes XML that Python’s ElementTree reads back to the same values', async () => {
    const json = {
      feed: { $: { lang: 'sv' }, title: 'Malmö <news> & "more"', entry: [{ id: '1', tag: ['x', 'y'] }, { id: '2' }], cdata: 'a<b' },
    };
    const xml = await toXml(json, { cdata: true });
    expect(xml).toContain('<cdata><![CDATA[a<b]]></cdata>');
    expect(parseWithPython(xml)).toEqual({
      tag: 'feed',
      attrib: { lang: 'sv' },
      text: '',
      children: [
        { tag: 'title', attrib: {}, text: 'Malmö <news> & "more"', children: [] },
        {
          tag: 'entry',
          attrib: {},
          text: '',
          children: [
            { tag: 'id', attrib: {}, text: '1', children: [] },
            { tag: 'tag', attrib: {}, text: 'x', children: [] },
            { tag: 'tag', attrib: {}, text: 'y', children: [] },
          ],
        },
        { tag: 'entry', attrib: {}, text: '', children: [{ tag: 'id', attrib: {}, text: '2', children: [] }] },
        { tag: 'cdata', attrib: {}, text: 'a<b', children: [] },
      ],
    });
  });

  it('round-trips through XML to JSON', async () => {
    const json = {
      order: {
        id: 'A-17',
        line: [
          { sku: 'p1', qty: '2' },
          { sku: 'p2', qty: '1' },
        ],
        note: 'x < y',
      },
    };
    const xml = await toXml(json);
    expect(await toJson(xml)).toEqual(json);
  });

  it('names the field that cannot be an element name, and the item', async () => {
    const { error } = await tryNode('core.xml', { operation: 'jsonToXml' }, [{ ok: 1 }, { 'first name': 'A' }]);
    expect(error?.code).toBe('XML_INVALID');
    const bad = await tryNode('core.xml', { operation: 'jsonToXml', rootName: '1st' }, [{ a: 1 }]);
    expect(bad.error?.message).toMatch(/parameter 'rootName' must be a valid XML element name .*, got "1st" \(item 0\)/);
    expect(error?.message).toBe(
      `Node 'Node': the item cannot be written as XML: the field at ["first name"] has a name that is not a valid XML element name ("first name": use letters, digits, _ . - and one : prefix, not starting with a digit) (item 1).`,
    );
  });
});
