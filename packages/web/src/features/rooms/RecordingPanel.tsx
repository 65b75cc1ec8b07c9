import { Alert, Badge, Button, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import type { RecordingStatus, RoomParticipant } from '@vuonxa/core';
import { useState } from 'react';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { everyoneAgreed, namesOf, recordingButtons } from './recording-logic';

const STATE_COLOR: Record<RecordingStatus['state'], string> = { off: 'gray', asking: 'yellow', on: 'red' };
/** After answering, the buttons wait this long for the room's word before they can be pressed again. */
const ANSWER_WAIT_MS = 5_000;

/** The red "REC" everyone sees while the session is recorded. */
export function RecordingIndicator({ startedAt }: { startedAt: string | null }) {
  const t = useT();
  const since = startedAt ? formatDateTime(startedAt, t.locale) : '';
  return (
    <Group gap="xs" role="status" aria-label={t('room.recording.indicatorLabel')} data-testid="room-recording-on">
      <Badge color="red" variant="filled" size="lg" tt="none" leftSection="●">
        {t('room.recording.indicator')}
      </Badge>
      <Text size="sm" c="red.8" fw={600}>
        {t('room.recording.indicatorLabel')}
        {since ? ` · ${t('room.recording.since', { time: since })}` : ''}
      </Text>
    </Group>
  );
}

/**
 * The recording notice: the room asks (or records) and I have not answered. It says what is recorded, why, who may
 * see it and how long it is kept, and takes Accept or Decline; it cannot be dismissed without an answer.
 */
export function RecordingConsentModal({ opened, onAnswer }: { opened: boolean; onAnswer: (accept: boolean) => boolean }) {
  const t = useT();
  const [waiting, setWaiting] = useState<boolean | null>(null);
  const answer = (accept: boolean) => {
    if (!onAnswer(accept)) return;
    setWaiting(accept);
    window.setTimeout(() => setWaiting(null), ANSWER_WAIT_MS);
  };
  return (
    <Modal
      opened={opened}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      centered
      size="lg"
      title={t('room.recording.notice.title')}
      data-testid="room-recording-notice"
    >
      <Stack gap="sm">
        <Text fw={600}>{t('room.recording.notice.body')}</Text>
        <List size="sm" spacing={6}>
          <List.Item>{t('room.recording.notice.purpose')}</List.Item>
          <List.Item>{t('room.recording.notice.access')}</List.Item>
          <List.Item>{t('room.recording.notice.retention')}</List.Item>
        </List>
        <Text size="sm" c="dimmed">
          {t('room.recording.notice.decline')}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            size="md"
            onClick={() => answer(false)}
            loading={waiting === false}
            disabled={waiting === true}
            data-testid="room-recording-decline"
          >
            {t('room.recording.decline')}
          </Button>
          <Button
            size="md"
            onClick={() => answer(true)}
            loading={waiting === true}
            disabled={waiting === false}
            data-testid="room-recording-accept"
          >
            {t('room.recording.accept')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The hosts' recording panel: the state, who has not answered, who declined, the agenda cases without the
 * patient's consent, and Ask, Start (once everyone agreed), Stop and Cancel.
 */
export function RecordingPanel({
  recording,
  participants,
  onAction,
}: {
  recording: RecordingStatus;
  participants: readonly RoomParticipant[];
  onAction: (action: 'ask' | 'start' | 'stop' | 'cancel') => void;
}) {
  const t = useT();
  const buttons = recordingButtons(recording);
  const pending = namesOf(recording.pending, participants);
  const declined = namesOf(recording.declined, participants);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="room-recording-title"
      data-testid="room-recording-panel"
      data-state={recording.state}
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="room-recording-title">
            {t('room.recording.title')}
          </Title>
          <Badge color={STATE_COLOR[recording.state]} variant="light" tt="none" data-testid="room-recording-state">
            {t(`room.recording.state.${recording.state}`)}
          </Badge>
        </Group>
        {recording.state === 'on' && recording.startedAt && (
          <Text size="sm">{t('room.recording.since', { time: formatDateTime(recording.startedAt, t.locale) })}</Text>
        )}
        {pending.length > 0 && (
          <Stack gap={2} data-testid="room-recording-pending">
            <Text size="sm" fw={600}>
              {t('room.recording.pending', { count: pending.length })}
            </Text>
            <Text size="sm">{pending.join(', ')}</Text>
          </Stack>
        )}
        {declined.length > 0 && (
          <Stack gap={2} data-testid="room-recording-declined">
            <Text size="sm" fw={600} c="red.8">
              {t('room.recording.declined', { count: declined.length })}
            </Text>
            <Text size="sm">{declined.join(', ')}</Text>
          </Stack>
        )}
        {recording.missingPatientConsent.length > 0 && (
          <Alert color="orange" p="xs" data-testid="room-recording-missing-consent">
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t('room.recording.missingPatient', { count: recording.missingPatientConsent.length })}
              </Text>
              <Text size="sm" ff="monospace">
                {recording.missingPatientConsent.join(', ')}
              </Text>
              <Text size="xs">{t('room.recording.missingPatientHint')}</Text>
            </Stack>
          </Alert>
        )}
        {recording.state === 'asking' && everyoneAgreed(recording) && (
          <Text size="sm" c="green.8">
            {t('room.recording.allAgreed')}
          </Text>
        )}
        <Group gap="xs">
          <Button size="sm" variant="light" onClick={() => onAction('ask')} disabled={!buttons.ask} data-testid="room-record-ask">
            {t('room.recording.ask')}
          </Button>
          <Button size="sm" color="red" onClick={() => onAction('start')} disabled={!buttons.start} data-testid="room-record-start">
            {t('room.recording.start')}
          </Button>
          <Button size="sm" variant="default" onClick={() => onAction('stop')} disabled={!buttons.stop} data-testid="room-record-stop">
            {t('room.recording.stop')}
          </Button>
          <Button size="sm" variant="subtle" onClick={() => onAction('cancel')} disabled={!buttons.cancel} data-testid="room-record-cancel">
            {t('room.recording.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
