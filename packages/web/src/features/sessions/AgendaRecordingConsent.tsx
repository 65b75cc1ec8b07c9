import { Button, Group, NativeSelect, Text } from '@mantine/core';
import type { ConsultSession } from '@vuonxa/core';
import { useState } from 'react';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { sessionsApi } from './sessions.api';

/** The patient's consent to recording an agenda case, as the session carries it once recorded. */
export type AgendaConsent = NonNullable<ConsultSession['agenda'][number]['recordingConsent']>;
type ConsentMethod = AgendaConsent['method'];
const CONSENT_METHODS: readonly ConsentMethod[] = ['written', 'verbal'];

/**
 * An agenda case's "patient consented to recording": who recorded it and when once done; else, for those who may,
 * how the patient consented (in writing, verbally) and a confirm button.
 */
export function AgendaRecordingConsent({
  sessionId,
  consultId,
  consent,
  editable,
  onRecorded,
}: {
  sessionId: string;
  consultId: string;
  consent: AgendaConsent | null;
  editable: boolean;
  onRecorded: (consent: AgendaConsent) => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [method, setMethod] = useState<ConsentMethod | ''>('');
  const [saving, setSaving] = useState(false);
  const testId = `agenda-recording-consent-${consultId}`;

  if (consent) {
    return (
      <Text size="xs" c="green.8" mt={6} data-testid={testId} data-recorded="true" data-method={consent.method}>
        ✓{' '}
        {t('session.recordingConsent.recorded', {
          method: t(`session.recordingConsent.method.${consent.method}`),
          name: consent.recordedBy.name,
          time: formatDateTime(consent.recordedAt, t.locale),
        })}
      </Text>
    );
  }
  if (!editable) {
    return (
      <Text size="xs" c="dimmed" mt={6} data-testid={testId} data-recorded="false">
        {t('session.recordingConsent.none')}
      </Text>
    );
  }

  async function confirm(): Promise<void> {
    if (!method) return;
    setSaving(true);
    try {
      const recorded = await sessionsApi.recordingConsent(sessionId, consultId, method);
      onRecorded({ method: recorded.method, recordedBy: recorded.recordedBy, recordedAt: recorded.recordedAt });
      notify({ color: 'green', message: t('session.recordingConsent.saved') });
    } catch (error) {
      notify({ color: 'red', message: errorMessage(t, error) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Group gap="xs" align="flex-end" mt={6} data-testid={testId} data-recorded="false">
      <NativeSelect
        size="xs"
        label={t('session.recordingConsent.label')}
        value={method}
        onChange={(e) => setMethod(e.currentTarget.value as ConsentMethod | '')}
        data={[
          { value: '', label: t('session.recordingConsent.method'), disabled: true },
          ...CONSENT_METHODS.map((m) => ({ value: m, label: t(`session.recordingConsent.method.${m}`) })),
        ]}
      />
      <Button size="xs" variant="light" disabled={!method} loading={saving} onClick={() => void confirm()}>
        {t('session.recordingConsent.confirm')}
      </Button>
    </Group>
  );
}
