import type { DateTime, DurationLikeObject } from 'luxon';
import { luxon } from '../libraries.js';
import { argError, describe, num, str } from './args.js';
import { fn, type FunctionRuntime, type LibraryFunction } from './function-spec.js';

type Unit = 'years' | 'quarters' | 'months' | 'weeks' | 'days' | 'hours' | 'minutes' | 'seconds' | 'milliseconds';
const UNITS: readonly Unit[] = ['years', 'quarters', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'];

function unitOf(fnName: string, value: unknown, fallback: Unit): Unit {
  if (value === undefined) return fallback;
  const s = String(value).toLowerCase();
  const unit = UNITS.find((u) => u === s || u === `${s}s` || (s === 'ms' && u === 'milliseconds'));
  if (!unit) argError(fnName, `unknown unit ${JSON.stringify(s)}; use one of ${UNITS.join(', ')}.`);
  return unit;
}

function zoneOf(fnName: string, rt: FunctionRuntime, zone: unknown): string {
  if (zone === undefined) return rt.zone;
  const z = str(fnName, zone, 'the time zone')!;
  if (!luxon().Info.isValidIANAZone(z) && !/^(utc|gmt)([+-]\d{1,2}(:\d\d)?)?$/i.test(z)) {
    argError(fnName, `unknown time zone ${JSON.stringify(z)}; use an IANA name such as "Europe/Paris" or "UTC".`);
  }
  return z;
}

/** Reads a date: ISO 8601 text (without an offset it is in the zone given), RFC 2822/HTTP/SQL text, or epoch milliseconds. */
export function toDateTime(fnName: string, rt: FunctionRuntime, value: unknown, zone?: string): DateTime {
  const { DateTime } = luxon();
  const z = zone ?? rt.zone;
  let dt: DateTime | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) dt = DateTime.fromMillis(value, { zone: z });
  else if (typeof value === 'string') {
    const s = value.trim();
    for (const parse of [DateTime.fromISO, DateTime.fromRFC2822, DateTime.fromHTTP, DateTime.fromSQL]) {
      const attempt = parse(s, { zone: z, setZone: true });
      if (attempt.isValid) {
        dt = zone === undefined ? attempt : attempt.setZone(z);
        break;
      }
    }
  }
  if (!dt || !dt.isValid)
    argError(fnName, `${describe(value)} is not a date; use ISO 8601 text such as "2024-03-31T12:00:00Z" or epoch milliseconds.`);
  return dt;
}

const iso = (dt: DateTime) => dt.toISO()!;

/** Date and time functions (luxon underneath). Dates go in and come out as ISO 8601 text. */
export const dateFunctions: LibraryFunction[] = [
  fn(
    '$toDate',
    '$toDate(value, format?, zone?)',
    'date',
    'Reads a date (ISO text, epoch milliseconds, or text in the luxon `format` given) and returns it as ISO 8601 text.',
    '$toDate("31/03/2024 14:30", "dd/MM/yyyy HH:mm", "Europe/Paris")',
    '"2024-03-31T14:30:00.000+02:00"',
    (rt, v, format, zone) => {
      const z = zoneOf('$toDate', rt, zone);
      if (format === undefined) return iso(toDateTime('$toDate', rt, v, zone === undefined ? undefined : z));
      const dt = luxon().DateTime.fromFormat(str('$toDate', v) ?? '', str('$toDate', format, 'the format')!, { zone: z, setZone: true });
      if (!dt.isValid)
        argError(
          '$toDate',
          `${describe(v)} does not match the format ${JSON.stringify(format)} (${dt.invalidExplanation ?? dt.invalidReason}).`,
        );
      return iso(dt);
    },
  ),
  fn(
    '$formatDate',
    '$formatDate(date, format, zone?)',
    'date',
    'Formats a date with luxon tokens (yyyy, MM, dd, HH, mm, ss, EEE, MMMM...) in a time zone.',
    '$formatDate("2024-03-31T12:00:00Z", "EEE d MMM yyyy, HH:mm", "America/New_York")',
    '"Sun 31 Mar 2024, 08:00"',
    (rt, v, format, zone) =>
      toDateTime('$formatDate', rt, v, zoneOf('$formatDate', rt, zone)).toFormat(
        str('$formatDate', format, 'the format') ?? "yyyy-MM-dd'T'HH:mm:ss",
      ),
  ),
  fn(
    '$dateFormat',
    '$dateFormat(date, format, zone?)',
    'date',
    'Formats a date with luxon tokens: another name of $formatDate.',
    '$dateFormat("2024-03-31T12:00:00Z", "yyyy-MM-dd")',
    '"2024-03-31"',
    (rt, v, format, zone) =>
      toDateTime('$dateFormat', rt, v, zoneOf('$dateFormat', rt, zone)).toFormat(
        str('$dateFormat', format, 'the format') ?? "yyyy-MM-dd'T'HH:mm:ss",
      ),
  ),
  fn(
    '$dateAdd',
    '$dateAdd(date, amount, unit)',
    'date',
    'Adds an amount of a unit (years ... milliseconds) to a date; calendar-aware across months and DST.',
    '$dateAdd("2024-01-31T00:00:00Z", 1, "month")',
    '"2024-02-29T00:00:00.000Z"',
    (rt, v, amount, unit) =>
      iso(
        toDateTime('$dateAdd', rt, v).plus({
          [unitOf('$dateAdd', unit, 'milliseconds')]: num('$dateAdd', amount, 'the amount'),
        } as DurationLikeObject),
      ),
  ),
  fn(
    '$dateSubtract',
    '$dateSubtract(date, amount, unit)',
    'date',
    'Subtracts an amount of a unit from a date.',
    '$dateSubtract("2024-03-01T00:00:00Z", 1, "day")',
    '"2024-02-29T00:00:00.000Z"',
    (rt, v, amount, unit) =>
      iso(
        toDateTime('$dateSubtract', rt, v).minus({
          [unitOf('$dateSubtract', unit, 'milliseconds')]: num('$dateSubtract', amount, 'the amount'),
        } as DurationLikeObject),
      ),
  ),
  fn(
    '$dateDiff',
    '$dateDiff(from, to, unit?)',
    'date',
    'How much time passes from `from` to `to`, in a unit (default days); negative when `to` is earlier.',
    '$dateDiff("2024-01-01", "2024-03-01", "days")',
    '60',
    (rt, a, b, unit) => {
      const u = unitOf('$dateDiff', unit, 'days');
      return toDateTime('$dateDiff', rt, b)
        .diff(toDateTime('$dateDiff', rt, a), u)
        .as(u);
    },
  ),
  fn(
    '$startOf',
    '$startOf(date, unit)',
    'date',
    'The first moment of the year, quarter, month, week (Monday), day, hour or minute the date is in.',
    '$startOf("2024-05-15T10:20:00Z", "month")',
    '"2024-05-01T00:00:00.000Z"',
    (rt, v, unit) => iso(toDateTime('$startOf', rt, v).startOf(unitOf('$startOf', unit, 'days').replace(/s$/, '') as 'day')),
  ),
  fn(
    '$endOf',
    '$endOf(date, unit)',
    'date',
    'The last millisecond of the year, quarter, month, week, day, hour or minute the date is in.',
    '$endOf("2024-02-10T10:00:00Z", "month")',
    '"2024-02-29T23:59:59.999Z"',
    (rt, v, unit) => iso(toDateTime('$endOf', rt, v).endOf(unitOf('$endOf', unit, 'days').replace(/s$/, '') as 'day')),
  ),
  fn(
    '$isBetween',
    '$isBetween(date, start, end)',
    'date',
    'Whether the date is strictly after `start` and strictly before `end`.',
    '$isBetween("2024-06-15", "2024-06-01", "2024-07-01")',
    'true',
    (rt, v, a, b) => {
      const t = toDateTime('$isBetween', rt, v).toMillis();
      return t > toDateTime('$isBetween', rt, a).toMillis() && t < toDateTime('$isBetween', rt, b).toMillis();
    },
  ),
  fn(
    '$isWeekend',
    '$isWeekend(date, zone?)',
    'date',
    'Whether the date falls on a Saturday or Sunday in the time zone.',
    '$isWeekend("2024-06-15T12:00:00Z")',
    'true',
    (rt, v, zone) => toDateTime('$isWeekend', rt, v, zoneOf('$isWeekend', rt, zone)).weekday >= 6,
  ),
  fn(
    '$isoWeek',
    '$isoWeek(date)',
    'date',
    'The ISO 8601 week number (1-53) of the date.',
    '$isoWeek("2024-12-30")',
    '1',
    (rt, v) => toDateTime('$isoWeek', rt, v).weekNumber,
  ),
  fn(
    '$datePart',
    '$datePart(date, part, zone?)',
    'date',
    'One part of a date as a number: year, quarter, month, week, day, weekday (1 = Monday), dayOfYear, hour, minute, second or millisecond.',
    '$datePart("2024-03-31T12:00:00Z", "weekday")',
    '7',
    (rt, v, part, zone) => {
      const dt = toDateTime('$datePart', rt, v, zoneOf('$datePart', rt, zone));
      const p = String(part ?? 'day');
      const parts: Record<string, number> = {
        year: dt.year,
        quarter: dt.quarter,
        month: dt.month,
        week: dt.weekNumber,
        day: dt.day,
        weekday: dt.weekday,
        dayOfYear: dt.ordinal,
        hour: dt.hour,
        minute: dt.minute,
        second: dt.second,
        millisecond: dt.millisecond,
      };
      if (!Object.prototype.hasOwnProperty.call(parts, p))
        argError('$datePart', `unknown part ${JSON.stringify(p)}; use one of ${Object.keys(parts).join(', ')}.`);
      return parts[p];
    },
  ),
  fn(
    '$isDst',
    '$isDst(date, zone?)',
    'date',
    'Whether daylight saving time is in effect at that date in the time zone.',
    '$isDst("2024-07-01T12:00:00Z", "Europe/Paris")',
    'true',
    (rt, v, zone) => toDateTime('$isDst', rt, v, zoneOf('$isDst', rt, zone)).isInDST,
  ),
  fn(
    '$isInLast',
    '$isInLast(date, amount, unit)',
    'date',
    'Whether the date lies between `amount` units ago and now.',
    '$isInLast($now, 1, "hour")',
    'true',
    (rt, v, amount, unit) => {
      const t = toDateTime('$isInLast', rt, v).toMillis();
      const from = luxon()
        .DateTime.fromMillis(rt.now, { zone: rt.zone })
        .minus({ [unitOf('$isInLast', unit, 'days')]: num('$isInLast', amount, 'the amount') } as DurationLikeObject);
      return t >= from.toMillis() && t <= rt.now;
    },
  ),
  fn(
    '$isInNext',
    '$isInNext(date, amount, unit)',
    'date',
    'Whether the date lies between now and `amount` units from now.',
    '$isInNext($now, 1, "day")',
    'true',
    (rt, v, amount, unit) => {
      const t = toDateTime('$isInNext', rt, v).toMillis();
      const to = luxon()
        .DateTime.fromMillis(rt.now, { zone: rt.zone })
        .plus({ [unitOf('$isInNext', unit, 'days')]: num('$isInNext', amount, 'the amount') } as DurationLikeObject);
      return t >= rt.now && t <= to.toMillis();
    },
  ),
  fn(
    '$setZone',
    '$setZone(date, zone)',
    'date',
    'The same moment written in another time zone.',
    '$setZone("2024-03-31T12:00:00Z", "Asia/Tokyo")',
    '"2024-03-31T21:00:00.000+09:00"',
    (rt, v, zone) => iso(toDateTime('$setZone', rt, v).setZone(zoneOf('$setZone', rt, zone))),
  ),
  fn(
    '$isValidDate',
    '$isValidDate(value)',
    'date',
    'Whether the value can be read as a date.',
    '$isValidDate("2024-02-30")',
    'false',
    (rt, v) => {
      try {
        toDateTime('$isValidDate', rt, v);
        return true;
      } catch {
        return false;
      }
    },
  ),
  fn(
    '$daysInMonth',
    '$daysInMonth(date)',
    'date',
    'How many days the month of the date has.',
    '$daysInMonth("2024-02-10")',
    '29',
    (rt, v) => toDateTime('$daysInMonth', rt, v).daysInMonth,
  ),
  fn(
    '$timeAgo',
    '$timeAgo(date)',
    'date',
    'The date relative to now in words, such as "3 days ago" or "in 2 hours".',
    '$timeAgo($now)',
    undefined,
    (rt, v) => toDateTime('$timeAgo', rt, v).toRelative({ base: luxon().DateTime.fromMillis(rt.now, { zone: rt.zone }) }),
  ),
  fn(
    '$epochMillis',
    '$epochMillis(date)',
    'date',
    'A date (ISO text in any offset, or other accepted text) as epoch milliseconds.',
    '$epochMillis("1970-01-01T00:00:01+00:00")',
    '1000',
    (rt, v) => toDateTime('$epochMillis', rt, v).toMillis(),
  ),
];
