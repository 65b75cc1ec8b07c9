import { Menu, Text } from '@mantine/core';
import { useState } from 'react';
import { MenuButton } from '../components/MenuButton';
import { useNotice } from '../components/use-notice';
import { useMe, useSession } from '../features/auth/use-session';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/use-t';
import { Link } from '../router';

/** The signed-in user, with security settings and sign-out. */
export function UserMenu() {
  const t = useT();
  const me = useMe();
  const { signOut } = useSession();
  const notify = useNotice();
  const [leaving, setLeaving] = useState(false);

  async function leave(): Promise<void> {
    setLeaving(true);
    try {
      await signOut();
    } catch (error) {
      // The session may still be valid on the server: say so rather than pretend the user is out.
      notify({ color: 'red', message: `${t('user.signOutFailed')} ${errorMessage(t, error)}` });
      setLeaving(false);
    }
  }

  return (
    <MenuButton
      width={240}
      trigger={{
        variant: 'subtle',
        color: 'gray',
        px: 'xs',
        // A 360 px phone keeps room for the app name, the bell and the language beside it.
        maw: { base: 92, xs: 110, sm: 200 },
        loading: leaving,
        'data-testid': 'header-user',
        'aria-label': t('user.menu', { name: me.user.displayName }),
      }}
      label={
        <Text size="sm" truncate>
          {me.user.displayName}
        </Text>
      }
    >
      <Menu.Label>{me.user.email ?? me.user.phone ?? me.user.displayName}</Menu.Label>
      <Menu.Item component={Link} href="/security" data-testid="menu-security">
        {t('nav.security')}
      </Menu.Item>
      <Menu.Divider />
      <Menu.Item color="red" onClick={() => void leave()} data-testid="logout">
        {t('user.signOut')}
      </Menu.Item>
    </MenuButton>
  );
}
