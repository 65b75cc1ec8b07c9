import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { ConsultSession } from '@vuonxa/core';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

/** Who was invited to the session (people or facilities) and what each answered. */
export function SessionInvites({ invites }: { invites: ConsultSession['invites'] }) {
  const t = useT();
  return (
    <Stack component="section" gap="sm" aria-labelledby="session-invites-title">
      <Title order={2} size="h4" id="session-invites-title">
        {t('session.invites')}
      </Title>
      {invites.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('session.invitesEmpty')}
        </Text>
      ) : (
        <Stack gap={4} data-testid="session-invites">
          {invites.map((i) => (
            <Group key={i.id} gap="xs" data-testid="session-invite">
              <Badge variant="default" tt="none" size="sm">
                {t(`session.invite.${i.kind}`)}
              </Badge>
              <Text size="sm">{i.user?.name ?? i.facility?.name ?? '—'}</Text>
              <Badge
                size="sm"
                tt="none"
                variant="light"
                color={i.response === 'accepted' ? 'green' : i.response === 'declined' ? 'red' : 'gray'}
                data-response={i.response}
              >
                {t(`session.response.${i.response}`)}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Who attended the session, from where, when each joined and left. */
export function SessionAttendance({ attendance }: { attendance: ConsultSession['attendance'] }) {
  const t = useT();
  return (
    <Stack component="section" gap="sm" aria-labelledby="session-attendance-title">
      <Title order={2} size="h4" id="session-attendance-title">
        {t('session.attendance')}
      </Title>
      {attendance.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('session.attendanceEmpty')}
        </Text>
      ) : (
        <Stack gap={4} data-testid="session-attendance">
          {attendance.map((a, i) => (
            <Text key={`${a.user.id}:${i}`} size="sm" data-testid="session-attendee">
              <strong>{a.user.name}</strong>
              {a.facilityName ? ` · ${a.facilityName}` : ''} ·{' '}
              {t('session.attendance.joined', { time: formatDateTime(a.joinedAt, t.locale) })}
              {a.leftAt ? ` · ${t('session.attendance.left', { time: formatDateTime(a.leftAt, t.locale) })}` : ''}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
