/**
 * XML text to JSON, in the shape most workflow tools (and xml2js, which
 * they use) give: an element holding only text becomes that text, repeated
 * elements become a list, attributes sit beside the children (or under `$`),
 * and the text of an element that also has children or attributes under `_`.
 * fast-xml-parser reads the document (in order, entities decoded, nothing
 * expanded from a DOCTYPE); this file shapes its tree.
 */

type FastXmlParser = typeof import('fast-xml-parser');

let library: Promise<FastXmlParser> | undefined;

/** Loads fast-xml-parser on first use. */
export function loadXmlParser(): Promise<FastXmlParser> {
  return (library ??= import('fast-xml-parser'));
}

/** How XML becomes JSON. */
export interface XmlToJsonOptions {
  /** Put attributes beside the children instead of under `attributeKey`. */
  mergeAttributes: boolean;
  attributeKey: string;
  textKey: string;
  /** Every child element as a list, even when it occurs once. */
  explicitArray: boolean;
  /** Keep the root element as the one key of the result. */
  explicitRoot: boolean;
  ignoreAttributes: boolean;
  /** Trim the text of elements. */
  trim: boolean;
  /** Collapse runs of whitespace in text into one space. */
  normalize: boolean;
  /** Lowercase element names. */
  normalizeTags: boolean;
  /** Put text under `textKey` even when the element has nothing else. */
  explicitTextKey: boolean;
}

// Names fast-xml-parser refuses or renames as object keys; they are passed through it escaped and restored here.
const RESERVED = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);
const ESCAPE = '\u0000';
const escapeName = (name: string) => (RESERVED.has(name) ? ESCAPE + name : name);
const restoreName = (name: string) => (name.startsWith(ESCAPE) ? name.slice(1) : name);

/** Sets a key as an own property, even `__proto__`. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function nameOf(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return undefined;
}

/**
 * Parses XML text into JSON. Text that is not well-formed XML with one root
 * element fails with `fail`, given a sentence with the line and column.
 */
export function xmlToJson(lib: FastXmlParser, xml: string, o: XmlToJsonOptions, fail: (problem: string) => Error): Record<string, unknown> {
  const valid = lib.XMLValidator.validate(xml);
  if (valid !== true) throw fail(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  let tree: OrderedNode[];
  try {
    tree = new lib.XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      cdataPropName: '#cdata',
      ignoreDeclaration: true,
      ignorePiTags: true,
      processEntities: true,
      htmlEntities: true,
      transformTagName: escapeName,
      transformAttributeName: escapeName,
    }).parse(xml) as OrderedNode[];
  } catch (error) {
    throw fail((error as Error).message);
  }
  const roots = tree.filter((n) => {
    const name = nameOf(n);
    return name !== undefined && name !== '#text';
  });
  if (roots.length !== 1) {
    throw fail(roots.length === 0 ? 'holds no XML element' : `has ${roots.length} root elements where XML allows one`);
  }
  const root = roots[0]!;
  const rootName = tagName(nameOf(root)!, o);
  const value = element(root, o);
  if (!o.explicitRoot) return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { [o.textKey]: value };
  const out: Record<string, unknown> = {};
  put(out, rootName, value);
  return out;
}

function tagName(raw: string, o: XmlToJsonOptions): string {
  const name = restoreName(raw);
  return o.normalizeTags ? name.toLowerCase() : name;
}

function textOf(children: OrderedNode[]): string {
  let text = '';
  for (const child of children) {
    if ('#text' in child) text += String(child['#text']);
    else if ('#cdata' in child) text += textOf(child['#cdata'] as OrderedNode[]);
  }
  return text;
}

/** One element as JSON: its text, or an object of its attributes, children and text. */
function element(node: OrderedNode, o: XmlToJsonOptions): unknown {
  const children = node[nameOf(node)!] as OrderedNode[];
  const obj: Record<string, unknown> = {};
  const attributes = node[':@'];
  if (attributes && !o.ignoreAttributes) {
    const target: Record<string, unknown> = o.mergeAttributes ? obj : {};
    for (const [key, value] of Object.entries(attributes)) put(target, restoreName(key), value);
    if (!o.mergeAttributes) put(obj, o.attributeKey, target);
  }
  for (const child of children) {
    const name = nameOf(child);
    if (name === undefined || name === '#text' || name === '#cdata') continue;
    const key = tagName(name, o);
    const value = element(child, o);
    const existing = Object.hasOwn(obj, key) ? obj[key] : undefined;
    if (o.explicitArray) {
      if (Array.isArray(existing)) existing.push(value);
      else put(obj, key, [value]);
    } else if (existing === undefined) put(obj, key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else put(obj, key, [existing, value]);
  }
  let text = textOf(children);
  if (text.trim() !== '') {
    if (o.trim) text = text.trim();
    if (o.normalize) text = text.replace(/\s+/g, ' ').trim();
    if (Object.keys(obj).length === 0 && !o.explicitTextKey) return text;
    put(obj, o.textKey, text);
    return obj;
  }
  // An element with nothing in it becomes its text: its whitespace, or "" when it is empty.
  if (Object.keys(obj).length > 0) return obj;
  return o.trim || o.normalize ? '' : text;
}
