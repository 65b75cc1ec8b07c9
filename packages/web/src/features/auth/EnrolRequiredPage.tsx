import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { TotpEnrolPanel } from '../security/TotpEnrolPanel';
import { AuthFrame } from './AuthFrame';
import { useSession } from './use-session';

/**
 * Shown when the account's role requires two-factor sign-in and it is not set up yet: the server refuses
 * every other call (AUTH_TOTP_ENROLMENT_REQUIRED) until the first code is confirmed.
 */
export function EnrolRequiredPage() {
  const t = useT();
  const notify = useNotice();
  const { state, refresh, signOut } = useSession();
  const [leaving, setLeaving] = useState(false);
  const name = state.status === 'enrol' ? state.me?.user.displayName : undefined;

  async function leave(): Promise<void> {
    setLeaving(true);
    try {
      await signOut();
    } catch (error) {
      notify({ color: 'red', message: errorMessage(t, error) });
      setLeaving(false);
    }
  }

  return (
    <AuthFrame width={640}>
      <Stack>
        <Title order={2} size="h3">
          {t('totp.required.title')}
        </Title>
        <Text size="sm">{name ? t('totp.required.introNamed', { name }) : t('totp.required.intro')}</Text>
        <TotpEnrolPanel onDone={refresh} />
        <Group justify="flex-end">
          <Button variant="subtle" color="gray" onClick={() => void leave()} loading={leaving} data-testid="logout">
            {t('user.signOut')}
          </Button>
        </Group>
      </Stack>
    </AuthFrame>
  );
}
