import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Locale } from '@vuonxa/core';
import { DEFAULT_LOCALE, createTranslator, parseLocale } from './i18n';
import { I18nContext } from './use-t';
import type { I18nValue } from './use-t';

const STORAGE_KEY = 'vuonxa.locale';

function readSavedLocale(): Locale {
  try {
    return parseLocale(window.localStorage.getItem(STORAGE_KEY)) ?? DEFAULT_LOCALE;
  } catch {
    // Storage can be blocked (private mode, policy); Vietnamese is the default then.
    return DEFAULT_LOCALE;
  }
}

/** Holds the chosen language, saved on this device; `<html lang>` follows it for screen readers and fonts. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readSavedLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not saved on this device; the choice still holds until the page is closed.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(() => ({ locale, t: createTranslator(locale), setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
