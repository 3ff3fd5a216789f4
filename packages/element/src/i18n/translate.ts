import { en, type StringKey, type Strings } from './en.js';
import { fr } from './fr.js';

const locales = new Map<string, Partial<Strings>>([
  ['en', en],
  ['fr', fr],
]);

/**
 * Adds or replaces a locale's dictionary. Missing keys fall back to English.
 *
 * @example
 * registerLocale('de', { 'toolbar.run': 'Ausführen' });
 */
export function registerLocale(locale: string, strings: Partial<Strings>): void {
  locales.set(locale.toLowerCase(), { ...locales.get(locale.toLowerCase()), ...strings });
}

/** A translate function: key and parameters to text. */
export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/**
 * The translate function for a locale (`fr-CA` falls back to `fr`, then
 * English), with the host's overrides on top.
 */
export function translator(locale: string, overrides: Partial<Strings> = {}): Translate {
  const lower = locale.toLowerCase();
  const dict = { ...en, ...locales.get(lower.split('-')[0]!), ...locales.get(lower), ...overrides };
  return (key, params) => {
    const text = dict[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}
