import { Anchor, Burger, Group } from '@mantine/core';
import { useT } from '../i18n/use-t';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { Link } from '../router';
import { FacilitySwitcher } from './FacilitySwitcher';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';

/** App name, where the user acts (and as what), language, and the user's menu. */
export function AppHeader({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
  const t = useT();
  return (
    <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 auto' }}>
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={navOpened ? t('nav.close') : t('nav.open')}
        />
        <Anchor
          component={Link}
          href="/"
          fw={700}
          fz={{ base: 'md', xs: 'lg' }}
          c="cyan.9"
          underline="never"
          style={{ whiteSpace: 'nowrap', flexShrink: 0 }}
        >
          {t('app.name')}
        </Anchor>
        <FacilitySwitcher testId="header-facility" visibleFrom="xs" />
      </Group>
      <Group gap="xs" wrap="nowrap">
        <NotificationBell />
        <LanguageSwitch />
        <UserMenu />
      </Group>
    </Group>
  );
}
