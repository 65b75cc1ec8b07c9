import { createContext, useContext } from 'react';
import type { Locale } from '@vuonxa/core';
import type { Translator } from './i18n';

export interface I18nValue {
  locale: Locale;
  t: Translator;
  setLocale: (locale: Locale) => void;
}

export const I18nContext = createContext<I18nValue | null>(null);

/** The locale, its translator and the setter; throws outside `<I18nProvider>` (a wiring bug). */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/**
 * The translation function of the current locale.
 *
 * @example
 * const t = useT();
 * return <Title>{t('home.greeting', { name: me.user.displayName })}</Title>;
 */
export function useT(): Translator {
  return useI18n().t;
}
