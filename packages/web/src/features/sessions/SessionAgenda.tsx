import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ConsultSession } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { AgendaRecordingConsent } from './AgendaRecordingConsent';
import type { AgendaConsent } from './AgendaRecordingConsent';

/**
 * The session's agenda, in order: each case links to its request, with its urgency, whether it was discussed (a
 * lead marks it while the session is live) and the patient's consent to recording.
 */
export function SessionAgenda({
  session: s,
  leads,
  busy,
  canRecordConsent,
  onDiscussed,
  onConsentRecorded,
}: {
  session: ConsultSession;
  /** The viewer leads the session (coordinator, chair or secretary). */
  leads: boolean;
  /** The key of the action under way (`discussed:<consultId>`), or null. */
  busy: string | null;
  canRecordConsent: boolean;
  onDiscussed: (consultId: string) => void;
  onConsentRecorded: (consultId: string, consent: AgendaConsent) => void;
}) {
  const t = useT();
  return (
    <Stack component="section" gap="sm" aria-labelledby="session-agenda-title">
      <Title order={2} size="h4" id="session-agenda-title">
        {t('session.agenda')}
      </Title>
      <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }} data-testid="session-agenda-list">
        {[...s.agenda]
          .sort((a, b) => a.ordinal - b.ordinal)
          .map((a) => (
            <Paper key={a.consultId} component="li" withBorder p="sm" radius="sm" data-testid="session-agenda-entry">
              <Group justify="space-between">
                <Stack gap={0}>
                  <Anchor component={Link} href={`/consults/${encodeURIComponent(a.consultId)}`} fw={600} size="sm" ff="monospace">
                    {t('session.agendaItem', { ordinal: a.ordinal, ref: a.ref })}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {a.requestingFacility}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <UrgencyBadge urgency={a.urgency} />
                  {a.discussedAt ? (
                    <Badge color="green" variant="light" tt="none">
                      {t('session.discussed')}
                    </Badge>
                  ) : (
                    s.state === 'live' &&
                    leads && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={busy === `discussed:${a.consultId}`}
                        onClick={() => onDiscussed(a.consultId)}
                        data-testid="session-mark-discussed"
                      >
                        {t('session.markDiscussed')}
                      </Button>
                    )
                  )}
                </Group>
              </Group>
              <AgendaRecordingConsent
                sessionId={s.id}
                consultId={a.consultId}
                consent={a.recordingConsent}
                editable={canRecordConsent}
                onRecorded={(consent) => onConsentRecorded(a.consultId, consent)}
              />
            </Paper>
          ))}
      </Stack>
    </Stack>
  );
}

/** The urgency of an agenda request, when the catalogs name it. */
function UrgencyBadge({ urgency }: { urgency: string | null }) {
  const t = useT();
  const key = `urgency.${urgency ?? ''}`;
  if (!urgency || !t.has(key)) return null;
  return (
    <Badge variant="outline" tt="none" color={urgency === 'emergency' ? 'red' : 'gray'}>
      {t(key)}
    </Badge>
  );
}
