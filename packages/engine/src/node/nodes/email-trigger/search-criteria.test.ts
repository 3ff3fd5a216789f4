import { describe, expect, it } from 'vitest';
import { parseSearch } from './search-criteria.js';

describe('IMAP search criteria written as JSON', () => {
  it('reads the default, unread messages', () => {
    expect(parseSearch('["UNSEEN"]')).toEqual({ seen: false });
  });

  it('takes every message for an empty text or list', () => {
    expect(parseSearch('')).toEqual({ all: true });
    expect(parseSearch('[]')).toEqual({ all: true });
  });

  it('combines keywords and criteria with arguments, all of which must match', () => {
    expect(
      parseSearch(
        '["UNSEEN", "flagged", ["FROM", "billing@example.com"], ["SUBJECT", "Invoice"], ["SINCE", "2026-01-31"], ["LARGER", 1024]]',
      ),
    ).toEqual({
      seen: false,
      flagged: true,
      from: 'billing@example.com',
      subject: 'Invoice',
      since: new Date('2026-01-31'),
      larger: 1024,
    });
  });

  it('reads OR, NOT, a negated keyword and HEADER', () => {
    expect(
      parseSearch(
        '[["OR", ["FROM", "a@example.com"], ["FROM", "b@example.com"]], ["NOT", "DELETED"], "!ANSWERED", ["HEADER", "X-Priority", "1"]]',
      ),
    ).toEqual({
      or: [{ from: 'a@example.com' }, { from: 'b@example.com' }],
      not: { or: [{ deleted: true }, { answered: true }] },
      header: { 'X-Priority': '1' },
    });
  });

  it('names the criterion it cannot read', () => {
    expect(() => parseSearch('["UNSEEN", ["FORM", "a@example.com"]]')).toThrow("criterion 2 ('FORM') is not a search criterion IMAP knows");
    expect(() => parseSearch('["UNREAD"]')).toThrow("criterion 1 ('UNREAD') is not a search keyword IMAP knows");
    expect(() => parseSearch('[["SINCE", "last tuesday"]]')).toThrow('criterion 1 (\'SINCE\') takes a date such as "2026-01-31"');
    expect(() => parseSearch('[["FROM", "a@example.com"], ["FROM", "b@example.com"]]')).toThrow("criterion 2 sets 'from' a second time");
    expect(() => parseSearch('[["UID", "1:10"]]')).toThrow('the trigger chooses the UIDs it reads');
    expect(() => parseSearch('UNSEEN')).toThrow(/^is not valid JSON/);
    expect(() => parseSearch('{"seen": false}')).toThrow('must be a JSON list of criteria');
  });
});
