import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ConsultSession } from '@vuonxa/core';
import { useState } from 'react';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { sessionsApi } from './sessions.api';

/**
 * The session's minutes: a text to edit and save when `editable` (the chair or the secretary, live or ended),
 * else shown as saved ("none yet" while empty).
 */
export function MinutesSection({
  session: s,
  editable,
  onSaved,
}: {
  session: ConsultSession;
  editable: boolean;
  onSaved: (s: ConsultSession) => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [minutes, setMinutes] = useState(s.minutes);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save(): Promise<void> {
    setSaving(true);
    setError(null);
    try {
      const next = await sessionsApi.saveMinutes(s.id, minutes);
      onSaved(next);
      setMinutes(next.minutes);
      notify({ color: 'green', message: t('session.minutesSaved') });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Stack component="section" gap="sm" aria-labelledby="session-minutes-title">
      <Title order={2} size="h4" id="session-minutes-title">
        {t('session.minutes')}
      </Title>
      {editable ? (
        <>
          <Textarea
            label={t('session.minutes')}
            description={t('session.minutesHint')}
            value={minutes}
            onChange={(e) => setMinutes(e.currentTarget.value)}
            autosize
            minRows={5}
            maxLength={50_000}
            error={error ? errorMessage(t, error) : undefined}
            data-testid="session-minutes"
          />
          <Group justify="flex-end">
            <Button onClick={() => void save()} loading={saving} disabled={minutes === s.minutes} data-testid="session-minutes-save">
              {t('session.minutesSave')}
            </Button>
          </Group>
        </>
      ) : (
        <Paper withBorder p="sm" radius="sm" data-testid="session-minutes">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={s.minutes ? undefined : 'dimmed'}>
            {s.minutes || t('session.minutesEmpty')}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
