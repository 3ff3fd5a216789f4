import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../../testing/test-clock.js';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { dateTimeNode } from './date-time.js';

describe('Date & Time', () => {
  it('gets the current date from the engine clock, in the chosen zone', async () => {
    const clock = createTestClock({ start: Date.parse('2024-05-01T12:00:00Z') });
    const { json } = await tryNode('core.dateTime', { operation: 'currentDate', timezone: 'Europe/Berlin' }, [{ id: 1 }], { clock });
    expect(json[0]).toEqual({ id: 1, currentDate: '2024-05-01T14:00:00.000+02:00' });
  });

  it('formats a date with tokens, presets and a locale', async () => {
    const date = '2024-05-01T14:30:00Z';
    const run = async (format: string, extra: Record<string, unknown> = {}) =>
      (await tryNode('core.dateTime', { operation: 'format', date, format, ...extra }, [{}])).json[0]!.formattedDate;
    expect(await run('yyyy-MM-dd HH:mm')).toBe('2024-05-01 14:30');
    expect(await run('isoDate')).toBe('2024-05-01');
    expect(await run('unix')).toBe(1714573800);
    expect(await run('dd LLLL yyyy', { locale: 'de' })).toBe('01 Mai 2024');
    expect(await run('HH:mm', { timezone: 'America/New_York' })).toBe('10:30');
  });

  it('adds to and subtracts from a date', async () => {
    const add = await tryNode('core.dateTime', { operation: 'add', date: '2024-01-31T00:00:00Z', amount: 1, unit: 'months' }, [{}]);
    expect(add.json[0]!.newDate).toBe('2024-02-29T00:00:00.000Z');
    const sub = await tryNode(
      'core.dateTime',
      { operation: 'subtract', date: '2024-03-01T00:00:00Z', amount: 2, unit: 'hours', outputField: 'at' },
      [{}],
    );
    expect(sub.json[0]!.at).toBe('2024-02-29T22:00:00.000Z');
  });

  it('measures the time between dates', async () => {
    const { json } = await tryNode(
      'core.dateTime',
      { operation: 'difference', startDate: '2024-01-01T00:00:00Z', endDate: '2024-01-03T12:00:00Z', unit: 'days' },
      [{}],
    );
    expect(json[0]!.timeDifference).toBe(2.5);
  });

  it('parses text in a given format, in the workflow zone', async () => {
    const { json } = await tryNode(
      'core.dateTime',
      { operation: 'parse', date: '31/12/2024 23:15', inputFormat: 'dd/MM/yyyy HH:mm', timezone: 'Asia/Tokyo' },
      [{}],
    );
    expect(json[0]!.parsedDate).toBe('2024-12-31T23:15:00.000+09:00');
  });

  it('converts between time zones', async () => {
    const { json } = await tryNode(
      'core.dateTime',
      { operation: 'convertTimezone', date: '2024-07-01T12:00:00Z', toTimezone: 'America/New_York' },
      [{}],
    );
    expect(json[0]!.convertedDate).toBe('2024-07-01T08:00:00.000-04:00');
  });

  it('names the parameter when a date cannot be read', async () => {
    const { error } = await tryNode('core.dateTime', { operation: 'format', date: 'next tuesday' }, [{}], { name: 'When' });
    expect(error?.message).toMatch(
      /^Node 'When': parameter 'date' holds "next tuesday", which is not a date in a known form.*\(item 0\)\.$/,
    );
    const missing = await tryNode('core.dateTime', { operation: 'add' }, [{}]);
    expect(missing.error?.message).toMatch(/parameter 'date' is missing/);
  });

  it('names the parameter when a time zone is unknown', async () => {
    const { error } = await tryNode('core.dateTime', { operation: 'convertTimezone', date: '2024-01-01', toTimezone: 'Mars/Olympus' }, [
      {},
    ]);
    expect(error?.message).toMatch(/parameter 'toTimezone' is 'Mars\/Olympus', which is not an IANA time zone/);
  });

  it('refuses an amount that is not a number before running', async () => {
    await expect(tryNode('core.dateTime', { operation: 'add', date: '2024-01-01', amount: 'two' }, [{}])).rejects.toThrow(
      /parameter 'amount'/,
    );
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(dateTimeNode, { operation: 'currentDate' }, { main: [] })).toEqual({ main: [] });
  });
});
