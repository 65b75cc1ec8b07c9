import { Box, Menu } from '@mantine/core';
import { LOCALES } from '@vuonxa/core';
import { Check } from '../components/icons';
import { MenuButton } from '../components/MenuButton';
import { useSession } from '../features/auth/use-session';
import { LOCALE_NAMES } from '../i18n/i18n';
import { useI18n } from '../i18n/use-t';

/**
 * The language picker, on the sign-in page and in the header. Each language is named in itself and
 * marked with its `lang`, so a screen reader reads "ລາວ" in Lao whatever the current language.
 */
export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const { chooseLocale } = useSession();
  return (
    <MenuButton
      width={180}
      trigger={{
        variant: 'default',
        px: 'sm',
        'data-testid': 'language-switch',
        'aria-label': `${t('language.label')}: ${LOCALE_NAMES[locale]}`,
      }}
      label={
        <>
          <Box component="span" lang={locale} visibleFrom="xs">
            {LOCALE_NAMES[locale]}
          </Box>
          {/* Phones: the code only, so the header keeps room for the app name. */}
          <Box component="span" hiddenFrom="xs">
            {locale.toUpperCase()}
          </Box>
        </>
      }
    >
      <Menu.Label>{t('language.label')}</Menu.Label>
      {LOCALES.map((l) => (
        <Menu.Item
          key={l}
          lang={l}
          onClick={() => chooseLocale(l)}
          rightSection={l === locale ? <Check /> : null}
          aria-current={l === locale ? 'true' : undefined}
          data-testid={`language-${l}`}
        >
          {LOCALE_NAMES[l]}
        </Menu.Item>
      ))}
    </MenuButton>
  );
}
