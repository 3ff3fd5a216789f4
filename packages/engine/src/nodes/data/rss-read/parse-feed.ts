import { loadXmlParser } from '../xml/xml-to-json.js';

/** One entry of a feed, with the same fields whatever the feed's format. */
export interface FeedEntry {
  title?: string;
  link?: string;
  /** The date as the feed writes it. */
  pubDate?: string;
  /** The same date in ISO 8601, when it can be read. */
  isoDate?: string;
  author?: string;
  /** The `dc:creator` of an RSS entry. */
  creator?: string;
  /** The full content (HTML), else the summary or description. */
  content?: string;
  /** The summary or description, when the feed also has full content. */
  summary?: string;
  guid?: string;
  categories?: string[];
  enclosure?: { url: string; type?: string; length?: string };
  comments?: string;
}

/** A feed's format and entries, or why the text is not a feed. */
export type ParsedFeed = { format: 'rss' | 'atom' | 'rdf'; entries: FeedEntry[] } | { problem: string };

type Node = Record<string, unknown>;

const LISTS = new Set(['item', 'entry', 'category', 'link', 'author', 'dc:creator', 'enclosure']);

/** The text of an element as fast-xml-parser gives it: a string, or an object with `#text`. */
function text(value: unknown): string | undefined {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null) return text((value as Node)['#text']);
  return undefined;
}

const attr = (value: unknown, name: string): string | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? text((value as Node)[`@_${name}`]) : undefined;

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function isoOf(date: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Drops the fields a feed left empty. */
function compact(entry: FeedEntry): FeedEntry {
  for (const key of Object.keys(entry) as (keyof FeedEntry)[]) {
    const v = entry[key];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete entry[key];
  }
  return entry;
}

function rssEntry(item: Node): FeedEntry {
  const encoded = text(item['content:encoded']);
  const description = text(item.description);
  const enclosure = list(item.enclosure)[0];
  const url = attr(enclosure, 'url');
  const pubDate = text(item.pubDate) ?? text(item['dc:date']);
  return compact({
    title: text(item.title),
    link: text(item.link),
    pubDate,
    isoDate: isoOf(pubDate),
    author: text(item.author),
    creator: text(item['dc:creator']),
    content: encoded ?? description,
    summary: encoded === undefined ? undefined : description,
    guid: text(item.guid),
    categories: list(item.category)
      .map(text)
      .filter((c): c is string => c !== undefined),
    enclosure:
      url === undefined
        ? undefined
        : { url, ...optional('type', attr(enclosure, 'type')), ...optional('length', attr(enclosure, 'length')) },
    comments: text(item.comments),
  });
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);

function atomEntry(entry: Node): FeedEntry {
  const links = list(entry.link);
  const alternate = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate') ?? links[0];
  const enclosure = links.find((l) => attr(l, 'rel') === 'enclosure');
  const enclosureUrl = attr(enclosure, 'href');
  const pubDate = text(entry.published) ?? text(entry.updated);
  const content = text(entry.content);
  const summary = text(entry.summary);
  return compact({
    title: text(entry.title),
    link: attr(alternate, 'href') ?? text(alternate),
    pubDate,
    isoDate: isoOf(pubDate),
    author:
      list(entry.author)
        .map((a) => text((a as Node | undefined)?.name) ?? text(a))
        .filter((a): a is string => a !== undefined)
        .join(', ') || undefined,
    content: content ?? summary,
    summary: content === undefined ? undefined : summary,
    guid: text(entry.id),
    categories: list(entry.category)
      .map((c) => attr(c, 'term') ?? text(c))
      .filter((c): c is string => c !== undefined),
    enclosure:
      enclosureUrl === undefined
        ? undefined
        : { url: enclosureUrl, ...optional('type', attr(enclosure, 'type')), ...optional('length', attr(enclosure, 'length')) },
  });
}

/** Reads an RSS 2.0, RSS 1.0 (RDF) or Atom feed. */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  const lib = await loadXmlParser();
  const valid = lib.XMLValidator.validate(xml);
  if (valid !== true) return { problem: `is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})` };
  let doc: Node;
  try {
    doc = new lib.XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      textNodeName: '#text',
      parseTagValue: false,
      parseAttributeValue: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      processEntities: true,
      htmlEntities: true,
      isArray: (name) => LISTS.has(name),
    }).parse(xml) as Node;
  } catch (error) {
    return { problem: `cannot be read: ${(error as Error).message}` };
  }
  const rss = doc.rss as Node | undefined;
  if (rss && typeof rss === 'object') {
    const channel = list(rss.channel)[0] as Node | undefined;
    return { format: 'rss', entries: list(channel?.item).map((i) => rssEntry(i as Node)) };
  }
  const feed = doc.feed as Node | undefined;
  if (feed && typeof feed === 'object') return { format: 'atom', entries: list(feed.entry).map((e) => atomEntry(e as Node)) };
  const rdf = doc['rdf:RDF'] as Node | undefined;
  if (rdf && typeof rdf === 'object') return { format: 'rdf', entries: list(rdf.item).map((i) => rssEntry(i as Node)) };
  const root = Object.keys(doc)[0];
  return { problem: `is not an RSS or Atom feed (its root element is <${root ?? '?'}>, not <rss>, <feed> or <rdf:RDF>)` };
}
