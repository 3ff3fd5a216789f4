/**
 * JSON to XML text: the reverse of `xml-to-json.ts`. Lists become repeated
 * elements, `attributeKey` holds an element's attributes and `textKey` its
 * text. Written here rather than with a builder so every element name is
 * checked and the layout is exactly the one documented.
 */

/** How JSON becomes XML. */
export interface JsonToXmlOptions {
  /** The root element; empty: the JSON's one field when it has only one holding an object, else `root`. */
  rootName: string;
  /** Leave out the `<?xml ...?>` declaration. */
  headless: boolean;
  /** Indent nested elements by two spaces, one per line. */
  pretty: boolean;
  attributeKey: string;
  textKey: string;
  /** Wrap text that holds `<`, `&` or `>` in CDATA sections instead of escaping it. */
  cdata: boolean;
}

/** Makes the node's error for a value that cannot be written as XML, given its JSON path. */
export type XmlWriteFailure = (path: string, problem: string) => Error;

const NAME = /^[\p{L}_][\p{L}\p{N}_.-]*(:[\p{L}_][\p{L}\p{N}_.-]*)?$/u;
// Characters XML 1.0 cannot carry at all, escaped or not.
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** Whether a text can name an XML element or attribute. */
export const isXmlName = (name: string): boolean => NAME.test(name);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Writes JSON as XML text; a value that cannot be written fails with `fail`. */
export function jsonToXml(json: Record<string, unknown>, o: JsonToXmlOptions, fail: XmlWriteFailure): string {
  const keys = Object.keys(json);
  const [rootName, value] =
    o.rootName === '' && keys.length === 1 && isObject(json[keys[0]!]) ? [keys[0]!, json[keys[0]!]] : [o.rootName || 'root', json];
  // Paths in messages are the item's fields: a root added around them is not one.
  const body = element(rootName, value, value === json ? '' : rootName, 0, { ...o, fail });
  return o.headless ? body : `${DECLARATION}${o.pretty ? '\n' : ''}${body}`;
}

type Writer = JsonToXmlOptions & { fail: XmlWriteFailure };

function text(value: unknown, path: string, o: Writer, quote = false): string {
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const bad = FORBIDDEN.exec(s);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw o.fail(path, `holds the character U+${code}, which XML cannot carry`);
  }
  if (!quote && o.cdata && /[<&>]/.test(s)) return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
  const escaped = s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return quote
    ? escaped.replaceAll('"', '&quot;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;')
    : escaped.replaceAll('\r', '&#13;');
}

function checkName(name: string, path: string, what: string, o: Writer): void {
  if (!NAME.test(name)) {
    throw o.fail(
      path,
      `has a name that is not a valid XML ${what} name (${JSON.stringify(name)}: use letters, digits, _ . - and one : prefix, not starting with a digit)`,
    );
  }
}

const join = (path: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`;

function element(name: string, value: unknown, path: string, depth: number, o: Writer): string {
  if (path !== '') checkName(name, path, 'element', o);
  const pad = o.pretty ? '  '.repeat(depth) : '';
  const nl = o.pretty ? '\n' : '';
  if (Array.isArray(value)) {
    return value
      .map((v, i) => element(name, v, `${path}[${i}]`, depth, o))
      .filter((x) => x !== '')
      .join(nl);
  }
  if (!isObject(value)) {
    if (value === null || value === undefined || value === '') return `${pad}<${name}/>`;
    return `${pad}<${name}>${text(value, path, o)}</${name}>`;
  }
  let attributes = '';
  const attrs = value[o.attributeKey];
  if (attrs !== undefined) {
    if (!isObject(attrs)) throw o.fail(join(path, o.attributeKey), 'must be an object of attribute names and values');
    for (const [key, v] of Object.entries(attrs)) {
      const at = join(join(path, o.attributeKey), key);
      checkName(key, at, 'attribute', o);
      if (v !== undefined && v !== null) attributes += ` ${key}="${text(v, at, o, true)}"`;
    }
  }
  const children: string[] = [];
  const own = value[o.textKey];
  if (own !== undefined && own !== null && own !== '') children.push(text(own, join(path, o.textKey), o));
  const textOnly = children.length === 1;
  for (const [key, v] of Object.entries(value)) {
    if (key === o.attributeKey || key === o.textKey || v === undefined) continue;
    const child = element(key, v, join(path, key), depth + 1, o);
    if (child !== '') children.push(child);
  }
  if (children.length === 0) return `${pad}<${name}${attributes}/>`;
  if (textOnly && children.length === 1) return `${pad}<${name}${attributes}>${children[0]}</${name}>`;
  if (own !== undefined && own !== null && own !== '' && o.pretty) children[0] = `${'  '.repeat(depth + 1)}${children[0]}`;
  return `${pad}<${name}${attributes}>${nl}${children.join(nl)}${nl}${pad}</${name}>`;
}
