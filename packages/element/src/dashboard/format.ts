/** Numbers, durations and dates in the dashboard's locale. */
export interface Formats {
  count(n: number): string;
  /** A ratio from 0 to 1 as a percentage. */
  percent(ratio: number): string;
  /** Milliseconds as ms, s or min, whichever reads best. */
  duration(ms: number): string;
  /** A UTC day (`2026-06-10`), or a day's start in epoch milliseconds. */
  day(day: string | number): string;
  /** An instant (ISO), in the reader's time zone. */
  dateTime(iso: string): string;
}

/** The formats of a locale (the platform's `Intl`). */
export function formats(locale: string): Formats {
  const tag = supported(locale);
  const count = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const unit = (u: string, digits: number) =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits });
  const ms = unit('millisecond', 0);
  const s = unit('second', 1);
  const min = unit('minute', 1);
  const day = new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    count: (n) => count.format(n),
    percent: (ratio) => percent.format(ratio),
    duration: (value) => (value < 1000 ? ms.format(value) : value < 60_000 ? s.format(value / 1000) : min.format(value / 60_000)),
    day: (value) => day.format(typeof value === 'number' ? value : Date.parse(`${value}T00:00:00Z`)),
    dateTime: (iso) => dateTime.format(Date.parse(iso)),
  };
}

/** The locale itself when the platform knows it, else English (a made-up tag must not break the page). */
function supported(locale: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}
