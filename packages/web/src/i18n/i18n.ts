import type { Locale } from '@vuonxa/core';
import { en } from './en';
import type { MessageKey } from './en';
import { km } from './km';
import { lo } from './lo';
import { vi } from './vi';

export type { MessageKey } from './en';
export type Params = Readonly<Record<string, string | number>>;
export type Catalog = Readonly<Partial<Record<MessageKey, string>>>;

/** The catalogs. `en` is complete and is the fallback; `vi` is complete and the default; `lo`, `km` are partial. */
export const CATALOGS: Readonly<Record<Locale, Catalog>> = { vi, en, lo, km };

export const DEFAULT_LOCALE: Locale = 'vi';

/** Each language named in itself, as a language switch shows it whatever the current language. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  vi: 'Tiếng Việt',
  en: 'English',
  lo: 'ລາວ',
  km: 'ខ្មែរ',
};

/** BCP 47 tags for `Intl` formatting of dates and numbers. */
export const INTL_LOCALES: Readonly<Record<Locale, string>> = {
  vi: 'vi-VN',
  en: 'en-GB',
  lo: 'lo-LA',
  km: 'km-KH',
};

/**
 * Replaces `{name}` placeholders; a placeholder with no value is left as written so the gap is visible.
 *
 * @example
 * interpolate('Xin chào, {name}', { name: 'Lan' }); // 'Xin chào, Lan'
 */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Whether `key` is a message key of the app (every key exists in English). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** A translation function bound to one locale; `t.has(key)` narrows keys that come from the server. */
export interface Translator {
  (key: MessageKey, params?: Params): string;
  has(key: string): key is MessageKey;
  readonly locale: Locale;
}

/**
 * Builds `t` for a locale. Fallback chain: the locale, then English; a key missing in English is a bug
 * caught by `i18n.test.ts` (English is typed complete, so it cannot happen at compile time either).
 *
 * @example
 * const t = createTranslator('lo');
 * t('home.greeting', { name: 'Lan' });
 */
export function createTranslator(locale: Locale): Translator {
  const catalog = CATALOGS[locale];
  const t = (key: MessageKey, params?: Params): string => interpolate(catalog[key] ?? en[key], params);
  return Object.assign(t, { has: isMessageKey, locale });
}

/** Reads a saved locale choice, ignoring anything that is not one of ours. */
export function parseLocale(value: string | null | undefined): Locale | undefined {
  return value && Object.prototype.hasOwnProperty.call(CATALOGS, value) ? (value as Locale) : undefined;
}
