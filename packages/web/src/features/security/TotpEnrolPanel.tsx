import { Anchor, Button, Code, CopyButton, Group, Image, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TotpEnrolResponse } from '@vuonxa/core';
import { describeProblem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { authApi } from '../auth/auth.api';
import { groupSecret } from '../auth/totp-code';
import { TotpCodeInput } from '../auth/TotpCodeInput';
import { useTotpCode } from '../auth/use-totp-code';

/**
 * TOTP enrolment (RFC 6238): start, scan the QR code or type the key, confirm with a first code.
 * The SVG comes from our server and is shown as an image, never injected as markup.
 */
export function TotpEnrolPanel({ onDone }: { onDone: () => void | Promise<void> }) {
  const t = useT();
  const [enrol, setEnrol] = useState<TotpEnrolResponse | null>(null);
  const totp = useTotpCode();
  const { problem, setProblem } = totp;
  const [busy, setBusy] = useState(false);

  async function start(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      setEnrol(await authApi.enrolTotp());
      totp.setCode('');
    } catch (error) {
      setProblem({ error });
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!totp.checkFormat()) return;
    setBusy(true);
    try {
      await authApi.confirmTotp(totp.code);
      await onDone();
    } catch (error) {
      totp.fail(error, { clear: true });
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
        <TotpCodeInput field={totp} testId="totp-enrol-code" maw={220} />
        <Group>
          <Button type="submit" loading={busy} data-testid="totp-enrol-confirm">
            {t('totp.enrol.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
