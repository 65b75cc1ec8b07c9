import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import type { ConsultReport } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { reportErrorMessage } from './report-error';
import { reportsApi } from './reports.api';

/** Signing asks for the password again (`POST /api/reports/:id/sign`); a wrong one is said under the field. */
export function SignModal({
  report,
  opened,
  onClose,
  onSigned,
}: {
  report: ConsultReport;
  opened: boolean;
  onClose: () => void;
  onSigned: (report: ConsultReport) => void;
}) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setPassword('');
    setError(null);
    onClose();
  };

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!password) return;
    setBusy(true);
    setError(null);
    try {
      const signed = await reportsApi.sign(report.id, password);
      setPassword('');
      onSigned(signed);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={close} title={t('report.signTitle')} centered>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Stack>
          <Text size="sm">{t('report.signHint', { version: report.version })}</Text>
          <PasswordInput
            label={t('report.password')}
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setError(null);
            }}
            autoComplete="current-password"
            error={error !== null ? reportErrorMessage(t, error) : undefined}
            withAsterisk
            data-autofocus
            data-testid="report-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!password} data-testid="report-sign-confirm">
              {t('report.signConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
