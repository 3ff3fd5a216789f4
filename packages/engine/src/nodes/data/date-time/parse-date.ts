import type { DateTime } from 'luxon';

type Luxon = typeof import('luxon');

let luxon: Promise<Luxon> | undefined;

/** Loads luxon on first use. */
export function loadLuxon(): Promise<Luxon> {
  return (luxon ??= import('luxon'));
}

/**
 * Reads a date from a parameter value: a luxon DateTime, a JS Date, epoch
 * milliseconds, or text in ISO 8601, RFC 2822, HTTP or SQL form (or in
 * `format`, luxon tokens, when given). Text without an offset is read in
 * `zone`. Returns the reason when the value is not a date.
 */
export function parseDate(l: Luxon, value: unknown, zone: string, format?: string): DateTime | string {
  const { DateTime } = l;
  if (DateTime.isDateTime(value)) return value.setZone(zone);
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone });
  if (typeof value === 'number') {
    const dt = DateTime.fromMillis(value, { zone });
    return dt.isValid ? dt : `holds ${value}, which is not a valid epoch time in milliseconds`;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    return value === undefined ? 'is missing' : `holds ${JSON.stringify(value)}, which is not a date`;
  }
  const text = value.trim();
  if (format) {
    const dt = DateTime.fromFormat(text, format, { zone });
    return dt.isValid
      ? dt
      : `holds ${JSON.stringify(text)}, which does not match the format '${format}' (${dt.invalidExplanation ?? dt.invalidReason})`;
  }
  for (const parse of [DateTime.fromISO, DateTime.fromRFC2822, DateTime.fromHTTP, DateTime.fromSQL]) {
    const dt = parse(text, { zone });
    if (dt.isValid) return dt;
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return DateTime.fromMillis(Number(text), { zone });
  return `holds ${JSON.stringify(text)}, which is not a date in a known form (ISO 8601 such as 2024-05-01T12:00:00Z, RFC 2822, HTTP or SQL); give its format`;
}
