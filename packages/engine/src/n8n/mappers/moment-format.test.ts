import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { momentToLuxon } from './moment-format.js';

// The oracle: the outputs Moment.js documents for its format tokens
// (momentjs.com, "Display > Format": its examples and token table), compared
// with what Luxon writes with the translated format for the same instant.

/** Luxon's output of the Moment format translated, for a date and time in a zone, in English as Moment writes it. */
function luxonWrites(moment: string, iso: string, zone = 'UTC'): string {
  const translated = momentToLuxon(moment);
  if ('token' in translated) throw new Error(`'${moment}' was refused at '${translated.token}'`);
  return DateTime.fromISO(iso, { zone }).setLocale('en').toFormat(translated.luxon);
}

describe('Moment.js formats in Luxon tokens', () => {
  it("writes Moment's documented examples as Moment does", () => {
    // moment().format("ddd, hA") -> "Sun, 3PM" (Sunday, February 14th 2010, 3:25:50 pm)
    expect(luxonWrites('ddd, hA', '2010-02-14T15:25:50')).toBe('Sun, 3PM');
    // moment().format("[Today is] dddd") -> "Today is Sunday"
    expect(luxonWrites('[Today is] dddd', '2010-02-14T15:25:50')).toBe('Today is Sunday');
    // moment().format() with the default format YYYY-MM-DDTHH:mm:ssZ -> "2014-09-08T08:02:17-05:00"
    expect(luxonWrites('YYYY-MM-DDTHH:mm:ssZ', '2014-09-08T08:02:17', 'America/Chicago')).toBe('2014-09-08T08:02:17-05:00');
  });

  it("writes Moment's localized formats as its table shows them (September 4, 1986, 8:30:25 PM)", () => {
    const at = '1986-09-04T20:30:25';
    const table: [string, string][] = [
      ['LT', '8:30 PM'],
      ['LTS', '8:30:25 PM'],
      ['L', '09/04/1986'],
      ['l', '9/4/1986'],
      ['LL', 'September 4, 1986'],
      ['ll', 'Sep 4, 1986'],
      ['LLL', 'September 4, 1986 8:30 PM'],
      ['lll', 'Sep 4, 1986 8:30 PM'],
      ['LLLL', 'Thursday, September 4, 1986 8:30 PM'],
      ['llll', 'Thu, Sep 4, 1986 8:30 PM'],
    ];
    for (const [token, written] of table) expect([token, luxonWrites(token, at)]).toEqual([token, written]);
  });

  it("writes the token table's values at its ends", () => {
    const first = '2030-01-01T00:00:00.000';
    const last = '2029-12-31T23:59:59.999';
    const table: [string, string, string][] = [
      ['M MM MMM MMMM', first, '1 01 Jan January'],
      ['M MM MMM MMMM', last, '12 12 Dec December'],
      ['Q', last, '4'],
      ['D DD', first, '1 01'],
      ['D DD', last, '31 31'],
      ['DDD DDDD', first, '1 001'],
      ['DDD DDDD', last, '365 365'],
      ['ddd dddd', '2010-02-14T00:00:00', 'Sun Sunday'],
      ['ddd dddd', '2010-02-20T00:00:00', 'Sat Saturday'],
      ['E', '2010-02-14T00:00:00', '7'],
      ['E', '2010-02-15T00:00:00', '1'],
      ['YY YYYY', '1970-06-01T00:00:00', '70 1970'],
      ['YY YYYY', last, '29 2029'],
      ['A', first, 'AM'],
      ['A', last, 'PM'],
      ['H HH h hh', first, '0 00 12 12'],
      ['H HH h hh', last, '23 23 11 11'],
      ['m mm s ss', first, '0 00 0 00'],
      ['m mm s ss', last, '59 59 59 59'],
      ['S SS SSS', first, '0 00 000'],
      ['S SS SSS', last, '9 99 999'],
      // SSSS to SSSSSSSSS: three significant digits, the rest filled with zeros.
      ['SSSS SSSSSSSSS', last, '9990 999000000'],
      ['Z ZZ', first, '+00:00 +0000'],
    ];
    for (const [format, at, written] of table) expect([format, at, luxonWrites(format, at)]).toEqual([format, at, written]);
    // Unix Timestamp 1360013296, Unix Millisecond Timestamp 1360013296123.
    const translated = momentToLuxon('X x') as { luxon: string };
    expect(DateTime.fromMillis(1360013296123, { zone: 'UTC' }).toFormat(translated.luxon)).toBe('1360013296 1360013296123');
  });

  it('keeps square-bracketed text and letters that are no token as text, quotes included', () => {
    expect(momentToLuxon('YYYY-MM-DD')).toEqual({ luxon: 'yyyy-MM-dd' });
    expect(momentToLuxon("[it's] YYYY")).toEqual({ luxon: "'it''''s 'yyyy" });
    expect(luxonWrites("[it's] YYYY", '2024-05-01T00:00:00')).toBe("it's 2024");
    expect(luxonWrites("[at] HH:mm [o'clock]", '2024-05-01T09:05:00')).toBe("at 09:05 o'clock");
    expect(luxonWrites('YYYYMMDDTHHmm', '2024-05-01T09:05:00')).toBe('20240501T0905');
  });

  it('refuses a token Luxon cannot write, naming it', () => {
    // "dddd, MMMM Do YYYY, h:mm:ss a" -> "Sunday, February 14th 2010, 3:25:50 pm": ordinals and lower-case am/pm.
    expect(momentToLuxon('dddd, MMMM Do YYYY, h:mm:ss a')).toEqual({
      token: 'Do',
      reason: 'day of month with ordinal (1st 2nd ... 31st)',
    });
    expect(momentToLuxon('h:mm a')).toMatchObject({ token: 'a' });
    expect(momentToLuxon('d')).toMatchObject({ token: 'd' });
    expect(momentToLuxon('dd')).toMatchObject({ token: 'dd' });
    expect(momentToLuxon('ww')).toMatchObject({ token: 'ww' });
    expect(momentToLuxon('kk:mm')).toMatchObject({ token: 'kk' });
    expect(momentToLuxon('HH:mm z')).toMatchObject({ token: 'z' });
    expect(momentToLuxon('\\Y')).toMatchObject({ token: '\\' });
  });
});
