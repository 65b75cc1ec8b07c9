import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { Me } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { authApi } from './auth.api';
import { TotpCodeInput } from './TotpCodeInput';
import { useTotpCode } from './use-totp-code';

/** The second sign-in step: the 6-digit code of the authenticator app. */
export function TotpStep({ onBack, onVerified }: { onBack: () => void; onVerified: (me: Me) => void }) {
  const t = useT();
  const totp = useTotpCode();
  const [busy, setBusy] = useState(false);
  const { inputRef } = totp;

  useEffect(() => inputRef.current?.focus(), [inputRef]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!totp.checkFormat()) return;
    setBusy(true);
    try {
      onVerified(await authApi.verifyTotp(totp.code));
    } catch (error) {
      totp.fail(error, { clear: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="totp-title">
      <Stack>
        <Title order={2} size="h3" id="totp-title">
          {t('totp.step.title')}
        </Title>
        <Text size="sm">{t('totp.step.help')}</Text>
        <TotpCodeInput field={totp} testId="totp-code" size="lg" />
        <Group justify="space-between">
          <Button variant="subtle" onClick={onBack}>
            {t('common.back')}
          </Button>
          <Button type="submit" data-testid="totp-submit" loading={busy}>
            {t('totp.verify')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
