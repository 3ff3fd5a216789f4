import { argError, capString, num, str } from './args.js';
import { fn, type LibraryFunction } from './function-spec.js';
import { findLinear, replaceLinear } from '../regex-engine.js';

// Patterns over user text run on the linear-time engine: on the host's engine
// some of them take quadratic time on crafted input.
const EMAIL = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}";
const URL_IN_TEXT = '\\bhttps?://[^\\s<>"\'`]*[^\\s<>"\'`.,;:!?)\\]}]';
const DOMAIN = '^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$';

/** Splits text into words for case conversions: on separators and lower-to-upper boundaries. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const MARKDOWN: [string, string, string][] = [
  ['```[^\\n]*\\n([\\s\\S]*?)```', '$1', ''],
  ['!\\[([^\\]]*)\\]\\([^)]*\\)', '$1', ''],
  ['\\[([^\\]]*)\\]\\([^)]*\\)', '$1', ''],
  ['^ {0,3}#{1,6}[ \\t]+', '', 'm'],
  ['^ {0,3}>[ \\t]?', '', 'm'],
  ['^[ \\t]*(?:[-*+]|\\d+\\.)[ \\t]+', '', 'm'],
  ['\\*\\*([^*\\n]+)\\*\\*', '$1', ''],
  ['__([^_\\n]+)__', '$1', ''],
  ['\\*([^*\\n]+)\\*', '$1', ''],
  ['\\b_([^_\\n]+)_\\b', '$1', ''],
  ['~~([^~\\n]+)~~', '$1', ''],
  ['`([^`\\n]*)`', '$1', ''],
];

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** Letters with accents become their plain ASCII letters. */
function foldAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[Ææ]/g, (c) => (c === 'Æ' ? 'AE' : 'ae'))
    .replace(/[Øø]/g, (c) => (c === 'Ø' ? 'O' : 'o'))
    .replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'));
}

function isUrl(text: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false; // anchored, one pass
  try {
    const url = new URL(text);
    return url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** String functions. */
export const stringFunctions: LibraryFunction[] = [
  fn(
    '$camelCase',
    '$camelCase(text)',
    'string',
    'Joins the words of the text in camelCase.',
    '$camelCase("first name")',
    '"firstName"',
    (_, v) => {
      const w = words(str('$camelCase', v) ?? '');
      return w.map((x, i) => (i === 0 ? x.toLowerCase() : cap(x))).join('');
    },
  ),
  fn(
    '$pascalCase',
    '$pascalCase(text)',
    'string',
    'Joins the words of the text in PascalCase.',
    '$pascalCase("first name")',
    '"FirstName"',
    (_, v) =>
      words(str('$pascalCase', v) ?? '')
        .map(cap)
        .join(''),
  ),
  fn(
    '$snakeCase',
    '$snakeCase(text)',
    'string',
    'Joins the lower-cased words of the text with underscores.',
    '$snakeCase("First Name")',
    '"first_name"',
    (_, v) =>
      words(str('$snakeCase', v) ?? '')
        .map((x) => x.toLowerCase())
        .join('_'),
  ),
  fn(
    '$kebabCase',
    '$kebabCase(text)',
    'string',
    'Joins the lower-cased words of the text with hyphens.',
    '$kebabCase("firstName")',
    '"first-name"',
    (_, v) =>
      words(str('$kebabCase', v) ?? '')
        .map((x) => x.toLowerCase())
        .join('-'),
  ),
  fn(
    '$titleCase',
    '$titleCase(text)',
    'string',
    'Capitalises the first letter of every word.',
    '$titleCase("hello big world")',
    '"Hello Big World"',
    (_, v) => (str('$titleCase', v) ?? '').replace(/\p{L}[\p{L}\p{N}']*/gu, (w) => cap(w)),
  ),
  fn(
    '$sentenceCase',
    '$sentenceCase(text)',
    'string',
    'Lower-cases the text and capitalises the first letter of each sentence.',
    '$sentenceCase("HELLO. HOW ARE YOU?")',
    '"Hello. How are you?"',
    (_, v) =>
      (str('$sentenceCase', v) ?? '').toLowerCase().replace(/(^\s*|[.!?]\s+)(\p{L})/gu, (_m, p: string, l: string) => p + l.toUpperCase()),
  ),
  fn(
    '$capitalize',
    '$capitalize(text)',
    'string',
    'Upper-cases the first character and leaves the rest as it is.',
    '$capitalize("hello world")',
    '"Hello world"',
    (_, v) => {
      const s = str('$capitalize', v) ?? '';
      return s.charAt(0).toUpperCase() + s.slice(1);
    },
  ),
  fn(
    '$slugify',
    '$slugify(text)',
    'string',
    'Makes a lower-case, URL-safe slug: accents removed, words joined with hyphens.',
    '$slugify("Crème Brûlée: 2 ways!")',
    '"creme-brulee-2-ways"',
    (_, v) =>
      foldAccents(str('$slugify', v) ?? '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
  ),
  fn(
    '$replaceSpecialChars',
    '$replaceSpecialChars(text)',
    'string',
    'Replaces accented and special letters with plain ASCII ones.',
    '$replaceSpecialChars("Ångström façade")',
    '"Angstrom facade"',
    (_, v) => foldAccents(str('$replaceSpecialChars', v) ?? ''),
  ),
  fn(
    '$truncate',
    '$truncate(text, length, suffix?)',
    'string',
    'Shortens the text to at most `length` characters, ending with `suffix` (default "…") when cut.',
    '$truncate("Hello wonderful world", 10)',
    '"Hello won…"',
    (_, v, n, suffix) => {
      const s = str('$truncate', v) ?? '';
      const max = num('$truncate', n, 'the length');
      const end = suffix === undefined ? '…' : (str('$truncate', suffix, 'the suffix') ?? '');
      if (s.length <= max) return s;
      return s.slice(0, Math.max(0, max - end.length)) + end;
    },
  ),
  fn(
    '$stripHtml',
    '$stripHtml(html)',
    'string',
    'Removes HTML tags, scripts and styles, and decodes common entities.',
    '$stripHtml("<p>Hi <b>there</b> &amp; welcome</p>")',
    '"Hi there & welcome"',
    (_, v) =>
      replaceLinear(
        replaceLinear(
          replaceLinear(str('$stripHtml', v) ?? '', '<script\\b[^>]*>[\\s\\S]*?</script\\s*>', '', 'i'),
          '<style\\b[^>]*>[\\s\\S]*?</style\\s*>',
          '',
          'i',
        ),
        '<[^>]*>',
        '',
      )
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
  ),
  fn(
    '$stripMarkdown',
    '$stripMarkdown(markdown)',
    'string',
    'Removes Markdown formatting (headings, emphasis, links, code marks, list bullets) and keeps the text.',
    '$stripMarkdown("# Title\\n**bold** and [a link](https://x.io)")',
    '"Title\\nbold and a link"',
    (_, v) =>
      MARKDOWN.reduce(
        (text, [pattern, replacement, flags]) => replaceLinear(text, pattern, replacement, flags),
        str('$stripMarkdown', v) ?? '',
      ),
  ),
  fn(
    '$extractEmail',
    '$extractEmail(text)',
    'string',
    'The first email address in the text, or nothing.',
    '$extractEmail("Contact: Ana <ana@example.com>")',
    '"ana@example.com"',
    (_, v) => findLinear(str('$extractEmail', v) ?? '', EMAIL),
  ),
  fn(
    '$extractUrl',
    '$extractUrl(text)',
    'string',
    'The first http(s) URL in the text, or nothing.',
    '$extractUrl("See https://example.com/docs?a=1.")',
    '"https://example.com/docs?a=1"',
    (_, v) => findLinear(str('$extractUrl', v) ?? '', URL_IN_TEXT, 'i'),
  ),
  fn(
    '$extractDomain',
    '$extractDomain(text)',
    'string',
    'The domain of an email address or URL, or nothing.',
    '$extractDomain("ana@mail.example.com")',
    '"mail.example.com"',
    (_, v) => {
      const s = (str('$extractDomain', v) ?? '').trim();
      if (findLinear(s, EMAIL) === s) return s.slice(s.lastIndexOf('@') + 1);
      const url = findLinear(s, URL_IN_TEXT, 'i');
      if (url) return new URL(url).hostname;
      return findLinear(s, DOMAIN) === s ? s : undefined;
    },
  ),
  fn(
    '$extractUrlPath',
    '$extractUrlPath(url)',
    'string',
    'The path of a URL (after the host, before the query), or nothing.',
    '$extractUrlPath("https://example.com/a/b?x=1")',
    '"/a/b"',
    (_, v) => {
      const s = str('$extractUrlPath', v) ?? '';
      return isUrl(s) ? new URL(s).pathname : undefined;
    },
  ),
  fn(
    '$isEmail',
    '$isEmail(text)',
    'string',
    'Whether the whole text is one email address.',
    '$isEmail("ana@example.com")',
    'true',
    (_, v) => {
      const s = str('$isEmail', v) ?? '';
      return findLinear(s, EMAIL) === s;
    },
  ),
  fn('$isUrl', '$isUrl(text)', 'string', 'Whether the text is an http(s) URL.', '$isUrl("https://example.com")', 'true', (_, v) =>
    isUrl(str('$isUrl', v) ?? ''),
  ),
  fn(
    '$isDomain',
    '$isDomain(text)',
    'string',
    'Whether the text is a domain name such as example.com.',
    '$isDomain("example.com")',
    'true',
    (_, v) => findLinear(str('$isDomain', v) ?? '', DOMAIN) !== undefined,
  ),
  fn(
    '$isNumeric',
    '$isNumeric(value)',
    'string',
    'Whether the value is a number or text that reads as one.',
    '$isNumeric("12.5")',
    'true',
    (_, v) => (typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))),
  ),
  fn(
    '$startsWith',
    '$startsWith(text, prefix)',
    'string',
    'Whether the text starts with the prefix.',
    '$startsWith("invoice-42", "invoice")',
    'true',
    (_, v, p) => (str('$startsWith', v) ?? '').startsWith(str('$startsWith', p, 'the prefix') ?? ''),
  ),
  fn(
    '$endsWith',
    '$endsWith(text, suffix)',
    'string',
    'Whether the text ends with the suffix.',
    '$endsWith("report.pdf", ".pdf")',
    'true',
    (_, v, p) => (str('$endsWith', v) ?? '').endsWith(str('$endsWith', p, 'the suffix') ?? ''),
  ),
  fn(
    '$quote',
    '$quote(text, mark?)',
    'string',
    'Wraps the text in quotation marks (default `"`), escaping marks inside it.',
    '$quote("say \\"hi\\"")',
    '"\\"say \\\\\\"hi\\\\\\"\\""',
    (rt, v, mark) => {
      const s = str('$quote', v) ?? '';
      const m = mark === undefined ? '"' : (str('$quote', mark, 'the mark') ?? '"');
      capString('$quote', s.length * 2 + 2, rt.maxStringLength);
      return m + s.split(m).join('\\' + m) + m;
    },
  ),
  fn(
    '$repeat',
    '$repeat(text, count)',
    'string',
    'The text repeated `count` times (within the string size limit).',
    '$repeat("ab", 3)',
    '"ababab"',
    (rt, v, n) => {
      const s = str('$repeat', v) ?? '';
      const count = num('$repeat', n, 'the count');
      if (count < 0 || !Number.isInteger(count)) argError('$repeat', 'the count must be a whole number of zero or more.');
      capString('$repeat', s.length * count, rt.maxStringLength);
      return s.repeat(count);
    },
  ),
];
