import type { SearchObject } from 'imapflow';
import { FlowloomError } from '../../../errors/flowloom.error.js';

/**
 * IMAP search criteria written as JSON, as other automation tools take them
 * (`["UNSEEN", ["FROM", "billing@example.com"], ["SINCE", "2026-01-31"]]`):
 * a list whose criteria must all match; a criterion is a keyword
 * (`UNSEEN`, `FLAGGED`..., `!` before one negates it) or a list of a name
 * and its arguments; `["OR", a, b]` and `["NOT", a]` combine others.
 * `parseSearch` turns them into imapflow's search object.
 */

const FLAGS: Readonly<Record<string, [keyof SearchObject, boolean]>> = {
  ALL: ['all', true],
  ANSWERED: ['answered', true],
  UNANSWERED: ['answered', false],
  DELETED: ['deleted', true],
  UNDELETED: ['deleted', false],
  DRAFT: ['draft', true],
  UNDRAFT: ['draft', false],
  FLAGGED: ['flagged', true],
  UNFLAGGED: ['flagged', false],
  SEEN: ['seen', true],
  UNSEEN: ['seen', false],
  NEW: ['new', true],
  OLD: ['old', true],
  RECENT: ['recent', true],
};

const TEXTS: Readonly<Record<string, keyof SearchObject>> = {
  FROM: 'from',
  TO: 'to',
  CC: 'cc',
  BCC: 'bcc',
  SUBJECT: 'subject',
  BODY: 'body',
  TEXT: 'text',
  KEYWORD: 'keyword',
  UNKEYWORD: 'unKeyword',
};

const DATES: Readonly<Record<string, keyof SearchObject>> = {
  BEFORE: 'before',
  ON: 'on',
  SINCE: 'since',
  SENTBEFORE: 'sentBefore',
  SENTON: 'sentOn',
  SENTSINCE: 'sentSince',
};

const SIZES: Readonly<Record<string, keyof SearchObject>> = { LARGER: 'larger', SMALLER: 'smaller' };

function invalid(message: string): FlowloomError {
  return new FlowloomError('SEARCH_INVALID', message);
}

/** Adds one key to an AND of criteria; the same key twice cannot be expressed in one search object. */
function put(into: SearchObject, key: keyof SearchObject, value: unknown, where: string): void {
  if (key === 'header') {
    into.header = { ...into.header, ...(value as Record<string, string>) };
    return;
  }
  if (key === 'not' && into.not) {
    // NOT a AND NOT b is NOT (a OR b).
    into.not = { or: [into.not, value as SearchObject] };
    return;
  }
  if (into[key] !== undefined) throw invalid(`${where} sets '${key}' a second time; combine such criteria with OR or NOT`);
  (into as Record<string, unknown>)[key] = value;
}

function criterion(value: unknown, where: string): SearchObject {
  if (typeof value === 'string') {
    const negated = value.startsWith('!');
    const name = (negated ? value.slice(1) : value).trim().toUpperCase();
    const flag = FLAGS[name];
    if (!flag) throw invalid(`${where} ('${value}') is not a search keyword IMAP knows (UNSEEN, SEEN, FLAGGED, ANSWERED, ALL...)`);
    const found: SearchObject = { [flag[0]]: flag[1] };
    return negated ? { not: found } : found;
  }
  if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'string') {
    throw invalid(`${where} must be a keyword or a list such as ["FROM", "ada@example.com"], got ${JSON.stringify(value)}`);
  }
  const [rawName, ...args] = value as [string, ...unknown[]];
  const name = rawName.trim().toUpperCase();
  const one = (kind: string): unknown => {
    if (args.length !== 1) throw invalid(`${where} ('${rawName}') takes one ${kind}, got ${args.length} values`);
    return args[0];
  };
  if (name === 'OR') {
    if (args.length !== 2) throw invalid(`${where} ('OR') takes two criteria, got ${args.length}`);
    return { or: args.map((a, i) => criterion(a, `${where}, alternative ${i + 1}`)) };
  }
  if (name === 'NOT') return { not: criterion(one('criterion'), `${where}, negated criterion`) };
  if (name === 'UID') throw invalid(`${where} ('UID') is not allowed: the trigger chooses the UIDs it reads`);
  if (name === 'HEADER') {
    if (args.length !== 2 || typeof args[0] !== 'string' || typeof args[1] !== 'string') {
      throw invalid(`${where} ('HEADER') takes a header name and a text`);
    }
    return { header: { [args[0]]: args[1] } };
  }
  const text = TEXTS[name];
  if (text) {
    const arg = one('text');
    if (typeof arg !== 'string') throw invalid(`${where} ('${rawName}') takes a text, got ${JSON.stringify(arg)}`);
    return { [text]: arg };
  }
  const date = DATES[name];
  if (date) {
    const arg = one('date');
    const time = typeof arg === 'string' || typeof arg === 'number' ? new Date(arg) : undefined;
    if (!time || Number.isNaN(time.getTime()))
      throw invalid(`${where} ('${rawName}') takes a date such as "2026-01-31", got ${JSON.stringify(arg)}`);
    return { [date]: time };
  }
  const size = SIZES[name];
  if (size) {
    const arg = Number(one('number of bytes'));
    if (!Number.isInteger(arg) || arg < 0) throw invalid(`${where} ('${rawName}') takes a number of bytes`);
    return { [size]: arg };
  }
  throw invalid(`${where} ('${rawName}') is not a search criterion IMAP knows`);
}

/** Reads search criteria written as JSON text (or already parsed); an empty text means every message. */
export function parseSearch(source: unknown): SearchObject {
  let list = source;
  if (typeof source === 'string') {
    if (source.trim() === '') return { all: true };
    try {
      list = JSON.parse(source);
    } catch (error) {
      throw invalid(`is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!Array.isArray(list)) throw invalid(`must be a JSON list of criteria such as ["UNSEEN"], got ${JSON.stringify(list)}`);
  if (list.length === 0) return { all: true };
  const out: SearchObject = {};
  list.forEach((item, i) => {
    const where = `criterion ${i + 1}`;
    for (const [key, value] of Object.entries(criterion(item, where))) put(out, key as keyof SearchObject, value, where);
  });
  return out;
}
