import type { StringKey } from '../i18n/en.js';
import type { Translate } from '../i18n/translate.js';

/** The language an element is shown in: its own or an ancestor's `lang`, across shadow roots, else the page's. */
export function langOf(el: Element | undefined): string {
  for (let n: Node | null | undefined = el; n; n = n instanceof ShadowRoot ? n.host : n.parentNode)
    if (n instanceof HTMLElement && n.lang) return n.lang;
  return document.documentElement.lang || 'en';
}

/**
 * A count in words, singular or plural by the language's rules (in English
 * 1 is singular; in French 0 and 1 are).
 *
 * @example
 * plural(t, 'fr', 1, { one: 'run.itemsOne', other: 'run.items' }); // "1 élément"
 */
export function plural(
  t: Translate,
  lang: string,
  count: number,
  keys: { one: StringKey; other: StringKey },
  params: Record<string, string | number> = {},
): string {
  const one = new Intl.PluralRules(lang).select(count) === 'one';
  return t(one ? keys.one : keys.other, { ...params, count });
}
