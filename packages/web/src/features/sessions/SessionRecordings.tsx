import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ConsultSession, SessionRecording } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { sessionsApi } from './sessions.api';

/** A file's size for people: kilobytes under a tenth of a megabyte, else megabytes. */
function fileSize(t: ReturnType<typeof useT>, bytes: number): string {
  if (bytes < 100_000) return t('session.recordings.kilobytes', { size: formatNumber(Math.max(1, Math.round(bytes / 1_000)), t.locale) });
  return t('session.recordings.megabytes', { size: formatNumber(Math.round(bytes / 100_000) / 10, t.locale) });
}

/**
 * The session's recordings, each with its files to play or download (every read is logged by the server, so
 * nothing is fetched before the person presses play). Reloaded when the session's state changes.
 */
export function RecordingsSection({ sessionId, sessionState }: { sessionId: string; sessionState: ConsultSession['state'] }) {
  const t = useT();
  const recordings = useQuery(`session-recordings:${sessionId}:${sessionState}`, (signal) => sessionsApi.recordings(sessionId, signal));
  return (
    <Stack component="section" gap="sm" aria-labelledby="session-recordings-title" data-testid="session-recordings">
      <Group justify="space-between">
        <Title order={2} size="h4" id="session-recordings-title">
          {t('session.recordings')}
        </Title>
        <Button
          size="xs"
          variant="subtle"
          onClick={recordings.reload}
          loading={recordings.loading && recordings.data !== undefined}
          data-testid="session-recordings-reload"
        >
          {t('session.recordings.reload')}
        </Button>
      </Group>
      <QueryState query={recordings} skeleton={<Skeleton h={72} data-testid="session-recordings-loading" />}>
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="session-recordings-empty">
              {t('session.recordings.empty')}
            </Text>
          ) : (
            <Stack gap="sm">
              {data.items.map((r) => (
                <RecordingItem key={r.id} sessionId={sessionId} recording={r} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

function RecordingItem({ sessionId, recording: r }: { sessionId: string; recording: SessionRecording }) {
  const t = useT();
  const start = formatDateTime(r.startedAt, t.locale);
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="session-recording" data-recording-id={r.id}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {r.endedAt
              ? t('session.recordings.range', { start, end: formatDateTime(r.endedAt, t.locale) })
              : t('session.recordings.ongoing', { start })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('session.recordings.startedBy', { name: r.startedBy.name })}
          </Text>
        </Group>
        {r.files.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('session.recordings.noFiles')}
          </Text>
        ) : (
          r.files.map((f) => {
            const url = sessionsApi.recordingFileUrl(sessionId, r.id, f.id);
            return (
              <Stack key={f.id} gap={4} data-testid="session-recording-file" data-kind={f.kind}>
                <Group justify="space-between" gap="xs">
                  <Group gap="xs">
                    <Badge size="sm" variant="light" tt="none" color={f.kind === 'video' ? 'blue' : 'teal'}>
                      {t(`session.recordings.kind.${f.kind}`)}
                    </Badge>
                    <Text size="sm">{f.label}</Text>
                    <Text size="xs" c="dimmed">
                      {fileSize(t, f.bytes)}
                    </Text>
                  </Group>
                  <Anchor href={url} download size="sm" aria-label={t('session.recordings.downloadLabel', { label: f.label })}>
                    {t('session.recordings.download')}
                  </Anchor>
                </Group>
                {f.kind === 'audio' ? (
                  <audio controls preload="none" style={{ width: '100%' }} aria-label={f.label}>
                    <source src={url} type={f.contentType} />
                  </audio>
                ) : (
                  <video controls preload="none" style={{ width: '100%', maxHeight: 360, background: '#000' }} aria-label={f.label}>
                    <source src={url} type={f.contentType} />
                  </video>
                )}
              </Stack>
            );
          })
        )}
      </Stack>
    </Paper>
  );
}
