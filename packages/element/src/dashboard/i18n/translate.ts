import { dashboardEn, type DashboardStringKey, type DashboardStrings } from './en.js';
import { dashboardFr } from './fr.js';

const locales = new Map<string, Partial<DashboardStrings>>([
  ['en', dashboardEn],
  ['fr', dashboardFr],
]);

/**
 * Adds or replaces a locale's dashboard strings (the editor's are added with
 * `registerLocale`). Missing keys fall back to English.
 *
 * @example
 * registerDashboardLocale('de', { 'dashboard.refresh': 'Aktualisieren' });
 */
export function registerDashboardLocale(locale: string, strings: Partial<DashboardStrings>): void {
  const key = locale.toLowerCase();
  locales.set(key, { ...locales.get(key), ...strings });
}

/** A dashboard translate function: key and parameters to text. */
export type DashboardTranslate = (key: DashboardStringKey, params?: Record<string, string | number>) => string;

/** The dashboard's strings for a locale (`fr-CA` falls back to `fr`, then English), the host's overrides on top. */
export function dashboardTranslator(locale: string, overrides: Partial<DashboardStrings> = {}): DashboardTranslate {
  const lower = locale.toLowerCase();
  const dict = { ...dashboardEn, ...locales.get(lower.split('-')[0]!), ...locales.get(lower), ...overrides };
  return (key, params) => {
    const text = dict[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}
