import { en, type StringKey, type Strings } from './en.js';

/** The dictionaries that ship with the editor besides English, each loaded the first time a page uses it. */
const bundled: Readonly<Record<string, () => Promise<Partial<Strings>>>> = {
  fr: () => import('./fr.js').then((m) => m.fr),
};
const loaded = new Map<string, Partial<Strings>>([['en', en]]);
const loading = new Map<string, Promise<void>>();
/** What hosts registered, on top of the bundled dictionary of the same locale. */
const registered = new Map<string, Partial<Strings>>();

/**
 * Adds or replaces a locale's dictionary. Missing keys fall back to English.
 *
 * @example
 * registerLocale('de', { 'toolbar.run': 'Ausführen' });
 */
export function registerLocale(locale: string, strings: Partial<Strings>): void {
  registered.set(locale.toLowerCase(), { ...registered.get(locale.toLowerCase()), ...strings });
}

/** The locale tags a locale's text comes from: `fr-ca` from `fr`, then `fr-ca`. */
function tagsOf(locale: string): string[] {
  const lower = locale.toLowerCase();
  const base = lower.split('-')[0]!;
  return base === lower ? [base] : [base, lower];
}

/** Whether the bundled dictionaries a locale needs have loaded (always, for a locale with none). */
export function localeReady(locale: string): boolean {
  return tagsOf(locale).every((tag) => !bundled[tag] || loaded.has(tag));
}

/**
 * Loads the bundled dictionaries a locale needs, once per page. A failed
 * load rejects and is tried again on the next call; until then the locale's
 * text falls back to English.
 */
export function loadLocale(locale: string): Promise<void> {
  const wanted = tagsOf(locale).filter((tag) => bundled[tag] && !loaded.has(tag));
  return Promise.all(
    wanted.map((tag) => {
      let pending = loading.get(tag);
      if (!pending) {
        pending = bundled[tag]!().then(
          (strings) => void loaded.set(tag, strings),
          (error: unknown) => {
            loading.delete(tag);
            throw error;
          },
        );
        loading.set(tag, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

/** A translate function: key and parameters to text. */
export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/**
 * The translate function for a locale (`fr-CA` falls back to `fr`, then
 * English), with the host's overrides on top. A bundled locale gives its text
 * once `loadLocale` has loaded it, English until then.
 */
export function translator(locale: string, overrides: Partial<Strings> = {}): Translate {
  const dict: Partial<Strings> = { ...en };
  for (const tag of tagsOf(locale)) Object.assign(dict, loaded.get(tag), registered.get(tag));
  Object.assign(dict, overrides);
  return (key, params) => {
    const text = dict[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}
