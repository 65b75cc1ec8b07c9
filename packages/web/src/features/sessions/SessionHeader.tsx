import { Alert, Anchor, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ConsultSession } from '@vuonxa/core';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { SessionStateBadge } from './SessionStateBadge';

/** What a person does to a session from its page (`POST /api/sessions/:id/:action`). */
export type SessionAction = 'start' | 'end' | 'cancel' | 'join' | 'leave';

/**
 * The session's heading: where it sits, its title and state, and the buttons of what the viewer may do now (join or
 * leave, open the video room, start or end as a lead, cancel as a manager: `onCancel` asks first).
 */
export function SessionHeader({
  session: s,
  open,
  attending,
  leads,
  busy,
  onAct,
  onCancel,
}: {
  session: ConsultSession;
  /** Scheduled or live. */
  open: boolean;
  /** The viewer is in the session now. */
  attending: boolean;
  /** The viewer leads the session (coordinator, chair or secretary). */
  leads: boolean;
  /** The key of the action under way, or null. */
  busy: string | null;
  onAct: (action: SessionAction) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const roomPath = `/rooms/${encodeURIComponent(s.roomId)}`;
  return (
    <Stack gap={4}>
      <Breadcrumbs separator="›">
        <Anchor component={Link} href="/sessions" size="sm">
          {t('session.title')}
        </Anchor>
        <Text size="sm">{formatDateTime(s.startsAt, t.locale)}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={1} size="h2" data-testid="session-heading">
            {s.title}
          </Title>
          <SessionStateBadge state={s.state} testId="session-state" />
        </Group>
        <Group gap="xs">
          {open &&
            (attending ? (
              <Button variant="default" loading={busy === 'leave'} onClick={() => onAct('leave')} data-testid="session-leave">
                {t('session.leave')}
              </Button>
            ) : (
              <Button variant="light" loading={busy === 'join'} onClick={() => onAct('join')} data-testid="session-join">
                {t('session.join')}
              </Button>
            ))}
          {open && (
            <Button component={Link} href={roomPath} variant="light" color="teal" data-testid="session-video">
              {t('session.joinVideo')}
            </Button>
          )}
          {leads && s.state === 'scheduled' && (
            <Button loading={busy === 'start'} onClick={() => onAct('start')} data-testid="session-start-button">
              {t('session.start')}
            </Button>
          )}
          {leads && s.state === 'live' && (
            <Button color="gray" loading={busy === 'end'} onClick={() => onAct('end')} data-testid="session-end-button">
              {t('session.end')}
            </Button>
          )}
          {s.canManage && s.state === 'scheduled' && (
            <Button color="red" variant="subtle" onClick={onCancel} data-testid="session-cancel-button">
              {t('session.cancel')}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}

/** The viewer's own pending invitation, to accept or decline. */
export function MyInviteAlert({ busy, onRespond }: { busy: string | null; onRespond: (response: 'accepted' | 'declined') => void }) {
  const t = useT();
  return (
    <Alert color="blue" data-testid="session-my-invite">
      <Group justify="space-between">
        <Text size="sm">{t('session.myInvite')}</Text>
        <Group gap="xs">
          <Button size="xs" loading={busy === 'accept'} onClick={() => onRespond('accepted')} data-testid="session-invite-accept">
            {t('session.accept')}
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={busy === 'decline'}
            onClick={() => onRespond('declined')}
            data-testid="session-invite-decline"
          >
            {t('session.decline')}
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}
