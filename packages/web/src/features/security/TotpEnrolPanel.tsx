import { Anchor, Button, Code, CopyButton, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { TotpEnrolResponse } from '@vuonxa/core';
import { describeProblem } from '../../i18n/error-message';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { authApi } from '../auth/auth.api';
import { cleanTotpCode, groupSecret } from '../auth/totp-code';

/**
 * TOTP enrolment (RFC 6238): start, scan the QR code or type the key, confirm with a first code.
 * The SVG comes from our server and is shown as an image, never injected as markup.
 */
export function TotpEnrolPanel({ onDone }: { onDone: () => void | Promise<void> }) {
  const t = useT();
  const [enrol, setEnrol] = useState<TotpEnrolResponse | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);

  async function start(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      setEnrol(await authApi.enrolTotp());
      setCode('');
    } catch (error) {
      setProblem({ error });
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (code.length !== 6) {
      setProblem({ key: 'totp.code.invalidFormat' });
      codeInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await authApi.confirmTotp(code);
      await onDone();
    } catch (error) {
      setProblem({ error });
      setCode('');
      codeInput.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  if (!enrol) {
    return (
      <Stack align="flex-start">
        <Text size="sm">{t('totp.enrol.intro')}</Text>
        {problem && (
          <Text c="red" size="sm" role="alert">
            {describeProblem(t, problem)}
          </Text>
        )}
        <Button onClick={() => void start()} loading={busy} data-testid="totp-enrol-start">
          {t('totp.enrol.start')}
        </Button>
      </Stack>
    );
  }

  return (
    <form noValidate onSubmit={(e) => void confirm(e)}>
      <Stack>
        <List type="ordered" spacing="xs" size="sm">
          <List.Item>{t('totp.enrol.step1')}</List.Item>
          <List.Item>{t('totp.enrol.step2')}</List.Item>
          <List.Item>{t('totp.enrol.step3')}</List.Item>
        </List>
        <Group align="flex-start" gap="lg">
          <Image
            src={`data:image/svg+xml;utf8,${encodeURIComponent(enrol.qrSvg)}`}
            alt={t('totp.enrol.qrAlt')}
            w={180}
            h={180}
            bg="white"
            data-testid="totp-qr"
          />
          <Stack gap="xs" style={{ flex: '1 1 200px' }}>
            <Text size="sm" fw={600}>
              {t('totp.enrol.secret')}
            </Text>
            <Code fz="md" data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
              {groupSecret(enrol.secret)}
            </Code>
            <Group gap="xs">
              <CopyButton value={enrol.secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
              <Anchor href={enrol.otpauthUri} size="sm">
                {t('totp.enrol.openApp')}
              </Anchor>
            </Group>
          </Stack>
        </Group>
        <TextInput
          ref={codeInput}
          data-testid="totp-enrol-code"
          label={t('totp.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onChange={(e) => setCode(cleanTotpCode(e.currentTarget.value))}
          error={problem ? describeProblem(t, problem) : undefined}
          maw={220}
          styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
        />
        <Group>
          <Button type="submit" loading={busy} data-testid="totp-enrol-confirm">
            {t('totp.enrol.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
