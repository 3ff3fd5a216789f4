/**
 * Moment.js format strings (n8n's Date & Time v1) as Luxon ones (Flowloom's
 * Date & Time), token by token, from Moment's documented token table. A token
 * whose output Luxon cannot write the same way (ordinals, lower-case am/pm,
 * locale weeks, zone abbreviations) has no translation.
 */

/** A Moment token: its Luxon equivalent, or why it has none. */
type Translation = { luxon: string } | { none: string };

const same = (token: string): Translation => ({ luxon: token });
const as = (luxon: string): Translation => ({ luxon });
const none = (what: string): Translation => ({ none: what });

/** Moment's English localized formats, written out in Luxon tokens. */
const LOCALIZED: Readonly<Record<string, string>> = {
  LTS: 'h:mm:ss a',
  LT: 'h:mm a',
  LLLL: 'EEEE, MMMM d, yyyy h:mm a',
  LLL: 'MMMM d, yyyy h:mm a',
  LL: 'MMMM d, yyyy',
  L: 'MM/dd/yyyy',
  llll: 'EEE, MMM d, yyyy h:mm a',
  lll: 'MMM d, yyyy h:mm a',
  ll: 'MMM d, yyyy',
  l: 'M/d/yyyy',
};

/** Moment's display tokens (longest first where one begins another). */
const TOKENS: Readonly<Record<string, Translation>> = {
  ...Object.fromEntries(Object.entries(LOCALIZED).map(([token, luxon]) => [token, as(luxon)])),
  MMMM: same('MMMM'),
  MMM: same('MMM'),
  MM: same('MM'),
  Mo: none('month with ordinal (1st 2nd ... 12th)'),
  M: same('M'),
  Qo: none('quarter with ordinal (1st 2nd 3rd 4th)'),
  Q: as('q'),
  DDDD: as('ooo'),
  DDDo: none('day of year with ordinal (1st ... 365th)'),
  DDD: as('o'),
  DD: as('dd'),
  Do: none('day of month with ordinal (1st 2nd ... 31st)'),
  D: as('d'),
  dddd: as('EEEE'),
  ddd: as('EEE'),
  dd: none('two-letter day name (Su Mo ... Sa)'),
  do: none('day of week with ordinal (0th ... 6th)'),
  d: none('day of week counted from Sunday as 0'),
  e: none('locale day of week'),
  E: same('E'),
  wo: none('locale week of year with ordinal'),
  ww: none('locale week of year'),
  w: none('locale week of year'),
  Wo: none('ISO week of year with ordinal'),
  WW: same('WW'),
  W: same('W'),
  YYYYYY: none('six-digit signed year'),
  YYYYY: none('five-digit year'),
  YYYY: as('yyyy'),
  YY: as('yy'),
  Y: none("year with a '+' past 9999"),
  gggg: none('locale week year'),
  gg: none('locale week year'),
  GGGG: as('kkkk'),
  GG: as('kk'),
  A: as('a'),
  a: none('lower-case am/pm'),
  HH: same('HH'),
  H: same('H'),
  hh: same('hh'),
  h: same('h'),
  kk: none('hour from 1 to 24'),
  k: none('hour from 1 to 24'),
  mm: same('mm'),
  m: same('m'),
  ss: same('ss'),
  s: same('s'),
  SSS: same('SSS'),
  SS: as('uu'),
  S: as('uuu'),
  zz: none('time zone abbreviation'),
  z: none('time zone abbreviation'),
  ZZ: as('ZZZ'),
  Z: as('ZZ'),
  X: same('X'),
  x: same('x'),
  N: none('era'),
  y: none('era year'),
};

/** Tokens by length, longest first, so `MMMM` is read before `MM`. */
const BY_LENGTH = Object.keys(TOKENS).sort((a, b) => b.length - a.length);

/**
 * Letters Moment reads as (part of) a display token; any other letter (the
 * `T` of `YYYY-MM-DDTHH:mm`) is written as it is.
 */
const TOKEN_LETTERS = new Set('MQDdeEwWYgGAaHhkmsSzZXxNyLl');

/** Text Luxon writes as it is: quoted when it holds a letter (Luxon reads letters as tokens), a quote written `''`. */
function literal(text: string): string {
  if (!/[A-Za-z']/.test(text)) return text;
  return text
    .split("'")
    .map((part) => (part === '' ? '' : `'${part}'`))
    .join("''");
}

/** A Moment format translated, or the token that has no Luxon equivalent. */
export type TranslatedFormat = { luxon: string } | { token: string; reason: string };

/**
 * Translates a Moment.js display format into Luxon's `toFormat` tokens:
 * `YYYY-MM-DD` -> `yyyy-MM-dd`, `[today] dddd` -> `'today' EEEE`. Text in
 * square brackets and letters that are no Moment token are kept as text.
 *
 * @example
 * momentToLuxon('ddd, hA'); // { luxon: 'EEE, ha' }
 * momentToLuxon('Do MMMM'); // { token: 'Do', reason: 'day of month with ordinal (1st 2nd ... 31st)' }
 */
export function momentToLuxon(format: string): TranslatedFormat {
  let out = '';
  let text = '';
  let i = 0;
  const flush = () => {
    out += literal(text);
    text = '';
  };
  while (i < format.length) {
    if (format[i] === '[') {
      const close = format.indexOf(']', i + 1);
      const inner = close < 0 ? undefined : format.slice(i + 1, close);
      // Moment reads `[...]` as text only when it closes before another `[`.
      if (inner !== undefined && !inner.includes('[')) {
        text += inner;
        i = close + 1;
        continue;
      }
    }
    const token = BY_LENGTH.find((t) => format.startsWith(t, i));
    if (token !== undefined) {
      const translation = TOKENS[token]!;
      if ('none' in translation) return { token, reason: translation.none };
      flush();
      // SSSS to SSSSSSSSS: three digits of the second, then zeros.
      if (token === 'SSS' && format[i + 3] === 'S') {
        let end = i + 3;
        while (format[end] === 'S' && end < i + 9) end++;
        out += `SSS'${'0'.repeat(end - i - 3)}'`;
        i = end;
        continue;
      }
      out += translation.luxon;
      i += token.length;
      continue;
    }
    const char = format[i]!;
    if (char === '\\') return { token: '\\', reason: 'escaping with a backslash (write the text in square brackets)' };
    if (TOKEN_LETTERS.has(char)) return { token: char, reason: 'not a documented Moment.js display token' };
    text += char;
    i++;
  }
  flush();
  return { luxon: out };
}
