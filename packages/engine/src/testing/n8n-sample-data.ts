import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';

/**
 * Sample data for running an imported n8n workflow without the services it
 * calls: one object holding every field the workflow reads, each with a
 * plausible value. Fields come from the paths its expressions and code read
 * after `$json`, `.json` or `$('X').item.json` (with what the code does with
 * the value: `.map(` makes a list, `.split(` text, `[0]` a list), from the
 * fields its nodes name (Split Out's lists, Edit Fields' declared lists and
 * objects), and from its HTML and XML nodes (a page holding an element for
 * each CSS selector extracted, an XML document for the Split Out after the
 * XML node). Values are chosen by the field's name (`sampleValue`).
 */

/** A JSON object. */
export type Json = Record<string, unknown>;
type Key = string | number;

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

/** What a read tells of the value read: a list (of records, `.map(`; of plain values), text (`.split(`), an object. */
type Hint = 'list' | 'values' | 'text' | 'object' | undefined;

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

/** One read of the data: the path of keys, what the code does with the value, and the separator it splits text on. */
interface Read {
  path: Key[];
  hint: Hint;
  separator?: string;
}

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
function parameterText(n8n: { nodes: readonly { parameters?: unknown }[] }): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  n8n.nodes.forEach((n) => walk(n.parameters));
  return out.join('\n');
}

/** A whole reference `{{ $json.a.b }}` (or its JavaScript form) in a Flowloom parameter: the path read. */
function wholeReference(value: unknown): Key[] | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\{\{(?:js:)?\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*"[^"]*"\s*\])+)\s*\}\}$/.exec(value.trim());
  return m ? [...m[1]!.matchAll(/\.([A-Za-z_$][\w$]*)|\[\s*"([^"]*)"\s*\]/g)].map((k) => (k[1] ?? k[2])!) : undefined;
}

/**
 * What the imported nodes read from their input besides expressions: Split
 * Out's lists, and the lists and objects Edit Fields declares it takes
 * (`{{ $json.results }}` set as an array). The HTML and XML nodes' text is
 * made in `sampleDataOf` and `xmlAnswers`.
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
    if (node.type === 'core.set' && Array.isArray(p.fields)) {
      for (const field of p.fields as { type?: string; value?: unknown }[]) {
        const path = wholeReference(field.value);
        if (path && (field.type === 'array' || field.type === 'object'))
          reads.push({ path, hint: field.type === 'array' ? 'list' : 'object' });
      }
    }
  }
  return reads;
}

/** The value of a field read as `hint` says. */
function valueFor(key: Key, hint: Hint, separator: string | undefined): unknown {
  if (hint === 'list' || (hint === undefined && LIST_NAMES.test(String(key)))) return Array.from({ length: LIST_LENGTH }, () => ({}));
  if (hint === 'values') return Array.from({ length: LIST_LENGTH }, (_, i) => `${String(sampleValue(key))} ${i + 1}`);
  if (hint === 'object') return {};
  // Text split on a separator holds it, so both sides have something.
  if (separator) return `sample${separator}${String(key)}`;
  return sampleValue(key);
}

/** Adds a read to the sample: the path made, ending in a value that fits how it is read. */
function addRead(at: Json, { path, hint, separator }: Read): void {
  let container: Json | unknown[] = at;
  for (const [i, key] of path.entries()) {
    if (Array.isArray(container) && typeof key !== 'number') {
      // A field read through a list (JSONata maps over it): set in every element.
      for (const element of container) if (isObject(element)) addRead(element, { path: path.slice(i), hint, separator });
      return;
    }
    const fields = container as Record<Key, unknown>;
    if (i === path.length - 1) {
      if (fields[key] === undefined) fields[key] = valueFor(key, hint, separator);
      return;
    }
    const index = path[i + 1];
    if (fields[key] === undefined) fields[key] = typeof index === 'number' ? [] : {};
    const next = fields[key];
    if (!Array.isArray(next) && !isObject(next)) return;
    if (typeof index === 'number' && Array.isArray(next)) while (next.length <= index) next.push({});
    container = next;
  }
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
  const reads = [...nodeReads(workflow), ...readsIn(parameterText(n8n))];
  // Reads that say what the value is first (a list, text...), then those reading inside values.
  for (const read of reads.filter((r) => r.hint !== undefined)) addRead(root, read);
  for (const read of reads.filter((r) => r.hint === undefined)) addRead(root, read);
  fillLists(root);
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
