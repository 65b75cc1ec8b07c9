import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Me } from '@vuonxa/core';
import { describeProblem } from '../../i18n/error-message';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { authApi } from './auth.api';
import { cleanTotpCode } from './totp-code';

/** The second sign-in step: the 6-digit code of the authenticator app. */
export function TotpStep({ onBack, onVerified }: { onBack: () => void; onVerified: (me: Me) => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (code.length !== 6) {
      setProblem({ key: 'totp.code.invalidFormat' });
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onVerified(await authApi.verifyTotp(code));
    } catch (error) {
      setProblem({ error });
      setCode('');
      input.current?.focus();
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
        <TextInput
          ref={input}
          data-testid="totp-code"
          label={t('totp.code')}
          name="one-time-code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={7}
          value={code}
          onChange={(e) => setCode(cleanTotpCode(e.currentTarget.value))}
          error={problem ? describeProblem(t, problem) : undefined}
          size="lg"
          styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
        />
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
