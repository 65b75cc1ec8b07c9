import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import { authApi } from '../auth/auth.api';
import { TotpCodeInput } from '../auth/TotpCodeInput';
import { useTotpCode } from '../auth/use-totp-code';
import { useMe, useSession } from '../auth/use-session';
import { TotpEnrolPanel } from './TotpEnrolPanel';

/** Status of two-factor sign-in, with enrolment when off and disabling (with a current code) when on. */
export function TotpSection() {
  const t = useT();
  const me = useMe();
  const { refresh } = useSession();
  const notify = useNotice();
  const [disabling, setDisabling] = useState(false);
  const totp = useTotpCode();
  const [busy, setBusy] = useState(false);

  async function disable(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!totp.checkFormat()) return;
    setBusy(true);
    try {
      await authApi.disableTotp(totp.code);
      setDisabling(false);
      totp.setCode('');
      totp.setProblem(null);
      notify({ color: 'green', message: t('security.totp.disabled') });
      await refresh();
    } catch (error) {
      totp.fail(error);
    } finally {
      setBusy(false);
    }
  }

  if (!me.user.totpEnabled) {
    return (
      <Stack>
        <Group gap="xs">
          <Badge color="gray">{t('security.totp.off')}</Badge>
          {me.mfa.required && <Badge color="red">{t('security.totp.requiredForRole')}</Badge>}
        </Group>
        <TotpEnrolPanel
          onDone={async () => {
            notify({ color: 'green', message: t('security.totp.enabled') });
            await refresh();
          }}
        />
      </Stack>
    );
  }

  return (
    <Stack>
      <Group gap="xs">
        <Badge color="green" data-testid="totp-status-on">
          {t('security.totp.on')}
        </Badge>
      </Group>
      {me.mfa.required && <Alert color="blue">{t('security.totp.cannotDisableRequired')}</Alert>}
      {!disabling ? (
        <Group>
          <Button variant="light" color="red" onClick={() => setDisabling(true)} disabled={me.mfa.required}>
            {t('security.totp.disable')}
          </Button>
        </Group>
      ) : (
        <form noValidate onSubmit={(e) => void disable(e)}>
          <Stack>
            <Text size="sm">{t('security.totp.disableHelp')}</Text>
            <TotpCodeInput field={totp} maw={220} autoFocus />
            <Group>
              <Button type="submit" color="red" loading={busy}>
                {t('security.totp.disableConfirm')}
              </Button>
              <Button variant="subtle" onClick={() => setDisabling(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
