import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import { codeReadsOf, EACH, type Hint, type Key } from './n8n-code-reads.js';
import { setParsedTexts } from './n8n-parsed-texts.js';

/**
 * Sample data for running an imported n8n workflow without the services it
 * calls: one object holding every field the workflow reads, each with a
 * plausible value. Fields come from the paths its expressions and code read
 * after `$json`, `.json` or `$('X').item.json` (with what the code does with
 * the value: `.map(` makes a list, `.split(` text, `[0]` a list), from the
 * fields its nodes name (Split Out's lists, Edit Fields' declared lists and
 * objects), and from its HTML and XML nodes (a page holding an element for
 * each CSS selector extracted, an XML document for the Split Out after the
 * XML node), from Convert to File (the field it makes a file of, base64 or
 * text), from the conditions of If, Filter and Switch nodes (a field compared
 * with fixed text holds that text, so the branch the author expected runs),
 * and from code that parses a field as JSON (JSON text). The code is also
 * followed through its local variables, callbacks and functions
 * (`n8n-code-reads.ts`): a list whose elements are read through a callback
 * holds records with those fields, and a text parsed as JSON holds JSON of
 * what is read from the parsed value. A field Edit Fields sets as a list,
 * an object, a number or a boolean holds one. Other values are chosen by the
 * field's name (`sampleValue`).
 */

/** A JSON object. */
export type Json = Record<string, unknown>;

/** The parts of a webhook's request, which the trigger's item holds rather than any answer. */
const REQUEST_PARTS = ['body', 'query', 'headers', 'params'];

/**
 * A plausible value for a field, by its name: an address for `email`, a URL
 * for `url` or `link`, a date for `date`, `...At` or `...Time`, a number for counts and
 * amounts, true for `is...`/`has...`, an id for ids, else `sample <name>`.
 */
function sampleValue(key: Key): unknown {
  if (typeof key === 'number') return `sample ${key}`;
  const k = key.toLowerCase();
  if (/e-?mail/.test(k)) return 'ada@example.com';
  if (/url|link|href|website|webhook|src$|image|^loc$/.test(k)) return 'https://example.com/page';
  if (/date|time|(?:^|_)at$|[a-z](?:At|Date|Time)$/.test(key) || /timestamp|created|updated|lastmod/.test(k))
    return '2026-01-05T09:00:00.000Z';
  if (/^(?:is|has|should|can)[A-Z_]|enabled|active|success/.test(key)) return true;
  if (/count|amount|price|total|qty|quantity|number|^num|age$|limit|size|score|page|width|height|duration|sec|millis|ms$|rate/.test(k))
    return 42;
  if (/(?:^|_)id$|[a-z]Id$/.test(key)) return '1001';
  if (/phone|mobile/.test(k)) return '+33612345678';
  return `sample ${key}`;
}

const LIST_METHODS = /^(?:map|filter|forEach|flatMap|find|findIndex|some|every|reduce|join|sort|reverse|at)$/;
const TEXT_METHODS =
  /^(?:split|match|matchAll|replace|replaceAll|toUpperCase|toLowerCase|trim|trimStart|trimEnd|startsWith|endsWith|substring|substr|padStart|padEnd|charAt|charCodeAt|normalize|localeCompare|toDateTime|parseJson|extractDomain|extractEmail|extractUrl|toTitleCase|toSentenceCase)$/;
/** Names after a path that are not fields of the data (`.length`, `.toString()`, n8n's item API). */
const NOT_FIELDS =
  /^(?:length|toString|valueOf|includes|indexOf|slice|concat|first|last|all|item|json|binary|isEmpty|isNotEmpty|toJsonString|keys|values|entries|hasField|toNumber|toBoolean)$/;

/** Field names that hold lists in the APIs the corpus calls, read without saying so (`const items = $json.items`). */
const LIST_NAMES = /^(?:items|results|records|rows|entries|elements|hits|files|messages|posts|products|orders|recipes)$/;
/** Elements in each list of the sample: enough for code that picks a few distinct ones. */
const LIST_LENGTH = 5;

/**
 * One read of the data: the path of keys, what the code does with the value,
 * the separator it splits text on, and the value it expects (the fixed text a
 * condition compares the field with).
 */
interface Read {
  path: Key[];
  hint: Hint;
  separator?: string;
  expected?: unknown;
}

/** A small file's content as base64 (a 1x1 PNG image): what an API answering with a file in a JSON field sends. */
const BASE64_FILE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Every field path the workflow's expressions and code read after `$json`, `.json` or `$('X').item.json`. */
function readsIn(text: string): Read[] {
  const reads: Read[] = [];
  for (const m of text.matchAll(/(?:\$json|\.json)(?=\s*(?:\??\.|\[))/g)) {
    let rest = text.slice(m.index + m[0].length);
    const path: Key[] = [];
    let hint: Hint;
    let separator: string | undefined;
    for (;;) {
      const step = /^\s*(?:\??\.\s*([A-Za-z_$][\w$]*)|\??\.?\[\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*\])/.exec(rest);
      if (!step) break;
      rest = rest.slice(step[0].length);
      const name = step[1];
      if (name !== undefined && (LIST_METHODS.test(name) || TEXT_METHODS.test(name) || NOT_FIELDS.test(name))) {
        hint = LIST_METHODS.test(name) ? 'list' : TEXT_METHODS.test(name) ? 'text' : undefined;
        if (name === 'split')
          separator = /^\s*\(\s*(?:'([^']+)'|"([^"]+)")/
            .exec(rest)
            ?.slice(1)
            .find((g) => g !== undefined);
        break;
      }
      path.push(step[4] !== undefined ? Number(step[4]) : (name ?? step[2] ?? step[3])!);
    }
    if (path.length > 0) reads.push({ path, hint, ...(separator ? { separator } : {}) });
  }
  return reads;
}

/** Every string of the n8n nodes' parameters, where expressions and code are (decoded from the export's JSON). */
function parameterStrings(n8n: { nodes: readonly { parameters?: unknown }[] }): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  n8n.nodes.forEach((n) => walk(n.parameters));
  return out;
}

/** The names a workflow's expressions and code read from `$env`, which its user sets where the engine runs. */
export function envNamesOf(n8n: { nodes: readonly { parameters?: unknown }[] }): string[] {
  return [...new Set(parameterStrings(n8n).flatMap((s) => (s.includes('$env') ? codeReadsOf(s).env : [])))];
}

/** A whole reference `{{ $json.a[0].b }}` (or its JavaScript form) in a Flowloom parameter: the path read. */
function wholeReference(value: unknown): Key[] | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\{\{(?:js:)?\s*\$json((?:\??\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"]*"|'[^']*'|\d+)\s*\])+)\s*\}\}$/.exec(value.trim());
  if (!m) return undefined;
  return [...m[1]!.matchAll(/\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"]*)"|'([^']*)'|(\d+))\s*\]/g)].map((k) =>
    k[4] !== undefined ? Number(k[4]) : (k[1] ?? k[2] ?? k[3])!,
  );
}

/** Condition operators met when the field holds the text compared with. */
const MET_BY_SAME_TEXT = /^string:(?:equals|contains|startsWith|endsWith)$/;

/** What an Edit Fields node before a condition sets a field to: fixed text, or the value at a path of its input. */
interface SetField {
  text?: string;
  from?: Key[];
}

/** The fields the Edit Fields nodes before `nodeId` set by name (the nearest first), each as fixed text or a path read. */
function setFieldsBefore(workflow: Workflow, nodeId: string): Map<string, SetField> {
  const fields = new Map<string, SetField>();
  const seen = new Set<string>([nodeId]);
  let level = [nodeId];
  while (level.length > 0) {
    const before = workflow.connections.filter((c) => level.includes(c.to.node) && !seen.has(c.from.node)).map((c) => c.from.node);
    level = [...new Set(before)];
    for (const id of level) {
      seen.add(id);
      const node = workflow.nodes.find((n) => n.id === id);
      if (node?.type !== 'core.set' || !Array.isArray(node.parameters.fields)) continue;
      for (const field of node.parameters.fields as { name?: unknown; value?: unknown }[]) {
        if (typeof field.name !== 'string' || field.name.includes('.') || fields.has(field.name)) continue;
        const from = wholeReference(field.value);
        if (from) fields.set(field.name, { from });
        else if (typeof field.value === 'string' && field.value !== '' && !field.value.includes('{{'))
          fields.set(field.name, { text: field.value });
      }
    }
  }
  return fields;
}

/**
 * The fields the conditions of If, Filter and Switch nodes compare with fixed
 * text for the condition to hold (`{{ $json.status }}` equals `completed`):
 * the sample holds that text, as the service the workflow was written for
 * sends it in the case its author expected. The text may be one an Edit
 * Fields node before sets (a verification token the service sends back), and
 * a field read may be one such a node took from its input (`body` set to
 * `{{ $json.body.data }}`): the sample holds the text where the input has it.
 * The first condition on a field decides its value.
 */
function conditionReads(workflow: Workflow, node: Workflow['nodes'][number]): Read[] {
  const reads: Read[] = [];
  if (node.type !== 'core.if' && node.type !== 'core.filter' && node.type !== 'core.switch') return reads;
  const fields = setFieldsBefore(workflow, node.id);
  const textOf = (x: unknown): string | undefined => {
    if (typeof x === 'string' && x !== '' && !x.includes('{{')) return x;
    const path = wholeReference(x);
    return path?.length === 1 ? fields.get(String(path[0]))?.text : undefined;
  };
  const pathOf = (x: unknown): Key[] | undefined => {
    const path = wholeReference(x);
    const from = path ? fields.get(String(path[0]))?.from : undefined;
    return from && path ? [...from, ...path.slice(1)] : path;
  };
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      const { leftValue, rightValue, operator } = v;
      if (typeof operator === 'string' && MET_BY_SAME_TEXT.test(operator)) {
        const left = pathOf(leftValue);
        const right = pathOf(rightValue);
        const rightText = textOf(rightValue);
        const leftText = textOf(leftValue);
        if (left && leftText === undefined && rightText !== undefined) reads.push({ path: left, hint: undefined, expected: rightText });
        else if (right && rightText === undefined && leftText !== undefined && operator === 'string:equals')
          reads.push({ path: right, hint: undefined, expected: leftText });
      }
      Object.values(v).forEach(walk);
    }
  };
  walk(node.parameters);
  return reads;
}

/**
 * What the imported nodes read from their input besides expressions: Split
 * Out's lists, the lists and objects Edit Fields declares it takes
 * (`{{ $json.results }}` set as an array), the field Convert to File turns
 * into a file (base64 or text), and the fields conditions compare with fixed
 * text. The HTML and XML nodes' text is made in `sampleDataOf` and
 * `xmlAnswers`.
 */
function nodeReads(workflow: Workflow): Read[] {
  const reads: Read[] = [];
  const dots = (list: unknown) =>
    String(list ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== '' && !f.includes('{{'))
      .map((f) => f.split('.'));
  for (const node of workflow.nodes) {
    const p = node.parameters;
    if (node.type === 'core.splitOut') {
      // Lists split side by side hold plain values; one list split alone, records merged into the new items.
      const paths = dots(p.fieldToSplitOut);
      for (const path of paths) reads.push({ path, hint: paths.length > 1 ? 'values' : 'list' });
    }
    if (node.type === 'core.convertToFile' && (p.operation === 'toBinary' || p.operation === 'toText')) {
      for (const path of dots(p.sourceProperty ?? 'data')) reads.push({ path, hint: p.operation === 'toBinary' ? 'base64' : 'text' });
    }
    reads.push(...conditionReads(workflow, node));
    if (node.type === 'core.set' && Array.isArray(p.fields)) {
      // A field of a type takes a value of that type: a list, an object, a number, a boolean.
      for (const field of p.fields as { type?: string; value?: unknown }[]) {
        const path = wholeReference(field.value);
        const hint = FIELD_TYPE_HINTS[field.type ?? ''];
        if (path && hint) reads.push({ path, hint });
      }
    }
  }
  return reads;
}

/** What the value of an Edit Fields field of a type is read as. */
const FIELD_TYPE_HINTS: Readonly<Record<string, Hint>> = { array: 'list', object: 'object', number: 'number', boolean: 'boolean' };

/** The value of a field read as `hint` says. */
function valueFor(key: Key, hint: Hint, separator: string | undefined): unknown {
  if (hint === 'base64') return BASE64_FILE;
  if (hint === 'number') return 42;
  if (hint === 'boolean') return true;
  // A list named for addresses (`image_urls`) holds addresses, not records.
  if (hint === 'list' && /(?:url|link)s$/i.test(String(key)))
    return Array.from({ length: LIST_LENGTH }, (_, i) => `${String(sampleValue('url'))}/${i + 1}`);
  if (hint === 'list' || (hint === undefined && LIST_NAMES.test(String(key)))) return Array.from({ length: LIST_LENGTH }, () => ({}));
  if (hint === 'values') return Array.from({ length: LIST_LENGTH }, (_, i) => `${String(sampleValue(key))} ${i + 1}`);
  if (hint === 'object') return {};
  // Text split on a separator holds it, so both sides have something.
  if (separator) return `sample${separator}${String(key)}`;
  return sampleValue(key);
}

/** Adds a read to the sample: the path made, ending in a value that fits how it is read. */
function addRead(at: Json | unknown[], read: Read): void {
  const { path, hint, separator, expected } = read;
  let container: Json | unknown[] = at;
  for (const [i, key] of path.entries()) {
    if (key === EACH) {
      if (!Array.isArray(container)) return;
      const list = container;
      // Every element: of the kind read when the elements themselves are read, else holding what is read in them.
      if (i === path.length - 1) {
        if (hint === undefined || hint === 'object') return;
        list.forEach((e, n) => {
          if (e === undefined || isEmpty(e)) list[n] = valueFor(String(path[i - 1] ?? 'element'), hint, separator);
        });
        return;
      }
      for (const element of list) if (isObject(element) || Array.isArray(element)) addRead(element, { ...read, path: path.slice(i + 1) });
      return;
    }
    if (Array.isArray(container) && typeof key !== 'number') {
      // A field read through a list (JSONata maps over it): set in every element.
      for (const element of container) if (isObject(element)) addRead(element, { ...read, path: path.slice(i) });
      return;
    }
    const fields = container as Record<Key, unknown>;
    if (i === path.length - 1) {
      // The text a condition expects replaces a plain sample value, never a list or an object other reads need.
      if (expected !== undefined && !Array.isArray(fields[key]) && !isObject(fields[key])) fields[key] = expected;
      else if (fields[key] === undefined) fields[key] = valueFor(key, hint, separator);
      // An element made to reach a later one (`[1]` before `[0]`) takes the plain value read of it.
      else if (Array.isArray(container) && isEmpty(fields[key]) && (hint === 'number' || hint === 'text' || hint === 'boolean'))
        fields[key] = valueFor(key, hint, separator);
      return;
    }
    const index = path[i + 1];
    if (fields[key] === undefined || (index === EACH && Array.isArray(fields[key]) && fields[key].length === 0))
      fields[key] = index === EACH ? Array.from({ length: LIST_LENGTH }, () => ({})) : typeof index === 'number' ? [] : {};
    const next = fields[key];
    if (!Array.isArray(next) && !isObject(next)) return;
    if (typeof index === 'number' && Array.isArray(next)) while (next.length <= index) next.push({});
    container = next;
  }
}

/**
 * The fields code parses as JSON (`JSON.parse(content)` after
 * `const content = $json.choices[0].message.content`): an API answering
 * with JSON text (an AI model asked for JSON) sends it, so the sample holds
 * JSON text of the object the code reads from the result (the sample's
 * field of the result's name, `prompts` of `const prompts = JSON.parse(...)`).
 */
function setJsonTexts(root: Json, text: string): void {
  for (const m of text.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*JSON\.parse\(\s*([^()]+?)\s*\)/g)) {
    const [, result, argument] = m as unknown as [string, string, string];
    let source = argument;
    if (/^[A-Za-z_$][\w$]*$/.test(argument)) {
      const assigned = new RegExp(`\\b(?:const|let|var)\\s+${argument.replace(/\$/g, '\\$')}\\s*=\\s*([^;\\n]+)`).exec(text);
      if (!assigned) continue;
      source = assigned[1]!;
    }
    const path = readsIn(source)[0]?.path;
    if (!path) continue;
    const parsed = root[result];
    setAt(root, path, JSON.stringify(isObject(parsed) ? parsed : {}));
  }
}

/** Sets the value at a path the sample already holds the containers of. */
function setAt(root: Json, path: readonly Key[], value: unknown): void {
  let container: unknown = root;
  for (const key of path.slice(0, -1)) {
    container = (container as Record<Key, unknown>)[key];
    if (!Array.isArray(container) && !isObject(container)) return;
  }
  (container as Record<Key, unknown>)[path[path.length - 1]!] = value;
}

/** Fills the empty elements of every list with a copy of the plain fields read at the top, and their position. */
function fillLists(root: Json): void {
  const record = Object.fromEntries(Object.entries(root).filter(([, v]) => !Array.isArray(v) && !isObject(v)));
  const visit = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach((e, i) => {
        if (isObject(e) && Object.keys(e).length === 0) Object.assign(e, structuredClone(record), { position: i + 1 });
        else visit(e);
      });
    } else if (isObject(v)) Object.values(v).forEach(visit);
  };
  visit(root);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object without fields: a list's element made before anything was read of it. */
const isEmpty = (v: unknown): boolean => isObject(v) && Object.keys(v).length === 0;

/**
 * The sample as XML text, one element per field (a list's elements
 * repeated), for an XML node to read: the document is the object `top` (the
 * object holding the list a Split Out reads, `urlset` of `urlset.url`), else
 * every object read.
 */
function toXml(value: Json, top: Key | undefined): string {
  const name = (k: string) => /^[A-Za-z_][\w.:-]*$/.test(k);
  const write = (k: string, v: unknown): string => {
    if (!name(k)) return '';
    if (Array.isArray(v)) return v.map((e) => write(k, e)).join('');
    if (isObject(v))
      return `<${k}>${Object.entries(v)
        .map(([ck, cv]) => write(ck, cv))
        .join('')}</${k}>`;
    return `<${k}>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${k}>`;
  };
  const objects = Object.entries(value).filter(([k, v]) => name(k) && isObject(v) && !REQUEST_PARTS.includes(k));
  const document = objects.find(([k]) => k === top);
  const body = document ? write(document[0], document[1]) : write('root', Object.fromEntries(objects));
  return `<?xml version="1.0" encoding="UTF-8"?>${body}`;
}

/**
 * What each HTTP Request node whose answer an XML node reads gets in that
 * field: the XML document the Split Out after the XML node reads (a sitemap
 * index, then a sitemap, from two nodes).
 */
export function xmlAnswers(workflow: Workflow, sample: Json): Map<string, Json> {
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  const after = (id: string) => workflow.connections.filter((c) => c.from.node === id).map((c) => byId.get(c.to.node)!);
  const out = new Map<string, Json>();
  for (const http of workflow.nodes.filter((n) => n.type === 'core.httpRequest')) {
    for (const xml of after(http.id).filter((n) => n.type === 'core.xml' && n.parameters.operation === 'xmlToJson')) {
      // The first Split Out within a few nodes after the XML node.
      let next = after(xml.id);
      for (let hop = 0; hop < 3 && !next.some((n) => n.type === 'core.splitOut'); hop++) next = next.flatMap((n) => after(n.id));
      const split = next.find((n) => n.type === 'core.splitOut');
      const top = String(split?.parameters.fieldToSplitOut ?? '')
        .split(/[.,]/)[0]
        ?.trim();
      out.set(http.id, { [String(xml.parameters.dataPropertyName ?? 'data')]: toXml(sample, top) });
    }
  }
  return out;
}

interface Extraction {
  key: string;
  cssSelector: string;
  returnValue?: string;
  attribute?: string;
  returnArray?: boolean;
}

/**
 * A page holding an element for each CSS selector the workflow's HTML nodes
 * extract from `field`, nested as the nodes read each other's results.
 */
function toHtml(field: string, extractions: ReadonlyMap<string, Extraction[]>, sample: Json, depth = 0): string {
  return (extractions.get(field) ?? [])
    .map((e) => {
      const text = typeof sample[e.key] === 'string' ? (sample[e.key] as string) : String(sampleValue(e.key));
      const inner = depth < 5 && extractions.has(e.key) ? toHtml(e.key, extractions, sample, depth + 1) : text;
      const one = element(e.cssSelector, e.returnValue === 'attribute' ? e.attribute : undefined, e.key, inner);
      return e.returnArray ? one + one : one;
    })
    .join('');
}

/** The elements a simple selector (`ul.posts > li a.title`) matches, innermost holding `inner`. */
function element(selector: string, attribute: string | undefined, key: string, inner: string): string {
  const parts = selector.split(/\s*>\s*|\s+/).filter((p) => p !== '');
  return parts.reduceRight((content, part, i) => {
    const tag = /^[a-z][\w-]*/i.exec(part)?.[0] ?? 'div';
    const classes = [...part.matchAll(/\.([\w-]+)/g)].map((m) => m[1]).join(' ');
    const id = /#([\w-]+)/.exec(part)?.[1];
    const attrs = [classes ? ` class="${classes}"` : '', id ? ` id="${id}"` : ''];
    if (attribute && i === parts.length - 1)
      attrs.push(` ${attribute}="${String(sampleValue(attribute === 'src' || attribute === 'href' ? 'url' : key))}"`);
    return ['img', 'br', 'meta', 'input'].includes(tag) ? `<${tag}${attrs.join('')}>` : `<${tag}${attrs.join('')}>${content}</${tag}>`;
  }, inner);
}

/** The fields a workflow reads, as one sample object: the basis of the webhook request and of every HTTP answer. */
export function sampleDataOf(n8n: { nodes: readonly { parameters?: unknown }[] }, workflow: Workflow): Json {
  const root: Json = {};
  const strings = parameterStrings(n8n);
  const text = strings.join('\n');
  const code = strings.filter((s) => /\$json|\.json\b|\$input|\bitems\b/.test(s)).map(codeReadsOf);
  const reads: Read[] = [...nodeReads(workflow), ...readsIn(text), ...code.flatMap((c) => c.reads)];
  // Reads that say what the value is first (a list, text...), then the text conditions expect (the first for
  // a field), then those reading inside values; those reading every element of a list last, once every read
  // has made the list as long as it is read.
  const each = (r: Read) => r.path.includes(EACH);
  for (const read of reads.filter((r) => r.hint !== undefined && !each(r))) addRead(root, read);
  const expected = new Set<string>();
  for (const read of reads.filter((r) => r.expected !== undefined)) {
    const key = JSON.stringify(read.path);
    if (!expected.has(key)) addRead(root, read);
    expected.add(key);
  }
  for (const read of reads.filter((r) => r.hint === undefined && r.expected === undefined && !each(r))) addRead(root, read);
  for (const read of reads.filter((r) => r.hint !== undefined && each(r))) addRead(root, read);
  for (const read of reads.filter((r) => r.hint === undefined && each(r))) addRead(root, read);
  setJsonTexts(root, text);
  fillLists(root);
  setParsedTexts(root, workflow, [...new Map(code.flatMap((c) => c.parsed).map((p) => [JSON.stringify(p), p])).values()]);
  const extractions = new Map<string, Extraction[]>();
  for (const node of workflow.nodes) {
    const p = node.parameters;
    if (node.type === 'core.html' && p.operation === 'extract' && p.sourceData === 'json') {
      const field = String(p.dataPropertyName ?? 'data');
      extractions.set(field, [...(extractions.get(field) ?? []), ...((p.extractionValues as Extraction[] | undefined) ?? [])]);
    }
  }
  const produced = new Set([...extractions.values()].flat().map((e) => e.key));
  for (const field of extractions.keys()) {
    if (!produced.has(field)) root[field] = `<!DOCTYPE html><html><body>${toHtml(field, extractions, root)}</body></html>`;
  }
  return root;
}

/** A webhook request holding every field the workflow reads from its body, query, headers and path parameters. */
export function webhookItem(sample: Json, method: string): Item {
  const part = (name: string) => (isObject(sample[name]) ? structuredClone(sample[name]) : {});
  return {
    json: {
      method,
      path: 'webhook',
      headers: { 'content-type': 'application/json', ...part('headers') },
      params: part('params'),
      query: part('query'),
      body: part('body'),
    },
  };
}

/** The fields read from nodes' output (the sample without a webhook request's parts). */
export function answerFields(sample: Json): Json {
  return Object.fromEntries(Object.entries(sample).filter(([k]) => !REQUEST_PARTS.includes(k)));
}

/** A form field as a Form Trigger's parameters hold it. */
interface FormFieldParameters {
  fieldLabel?: string;
  fieldName?: string;
  fieldType?: string;
  fieldOptions?: string[];
}

/**
 * A Form Trigger's item for a filled form: each field's answer under its name
 * (else its label), of its type (an address, a number, a date, the first
 * option...), and the time it was sent.
 */
export function formSubmission(formFields: unknown, submittedAt: string): Item {
  const json: Json = {};
  for (const field of Array.isArray(formFields) ? (formFields as FormFieldParameters[]) : []) {
    const key = field.fieldName?.trim() ? field.fieldName : field.fieldLabel;
    if (!key) continue;
    const first = field.fieldOptions?.[0] ?? 'sample option';
    json[key] =
      field.fieldType === 'email'
        ? sampleValue('email')
        : field.fieldType === 'number'
          ? 42
          : field.fieldType === 'date'
            ? '2026-01-05'
            : field.fieldType === 'dropdown'
              ? first
              : field.fieldType === 'checkboxes'
                ? [first]
                : sampleValue(key);
  }
  return { json: { ...json, submittedAt } };
}
