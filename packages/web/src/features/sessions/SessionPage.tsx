import { Anchor, Alert, Badge, Breadcrumbs, Button, Group, Modal, Paper, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ConsultSession } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { DetailList } from '../../components/DetailList';
import { QueryState } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { Link } from '../../router';
import { useMe } from '../auth/use-session';
import { useRealtime } from '../notifications/use-realtime';
import { sessionsApi } from './sessions.api';
import { SessionStateBadge } from './SessionStateBadge';

/** `/sessions/:id`: one consultation session, its agenda, invitations, attendance and minutes. */
export function SessionPage({ params }: PageProps) {
  const id = params['id'] ?? '';
  const session = useQuery(`session:${id}`, (signal) => sessionsApi.get(id, signal));
  // The answer of an action is the session as it is now; it stands until the next load replaces the data.
  const [fresh, setFresh] = useState<{ base: ConsultSession | undefined; value: ConsultSession } | null>(null);
  // A request of the agenda moved (started, concluded), or the session itself: reload.
  useRealtime((m) => {
    if (m.type === 'consult.changed' && session.data?.agenda.some((a) => a.consultId === m.consultId)) session.reload();
    if (m.type === 'notification' && m.notification.sessionId === id) session.reload();
  });
  const current = fresh && fresh.base === session.data ? fresh.value : null;
  return (
    <Stack gap="lg" maw={1100}>
      <QueryState query={session} skeleton={<Skeleton h={360} />}>
        {(s) => <SessionBody session={current ?? s} onChanged={(next) => setFresh({ base: session.data, value: next })} />}
      </QueryState>
    </Stack>
  );
}

type Action = 'start' | 'end' | 'cancel' | 'join' | 'leave';

function SessionBody({ session: s, onChanged }: { session: ConsultSession; onChanged: (s: ConsultSession) => void }) {
  const t = useT();
  const me = useMe();
  const notify = useNotice();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const isChairOrSecretary = s.chair.id === me.user.id || s.secretary.id === me.user.id;
  // The hub's coordinators, the chair and the secretary lead the session: start, end, mark discussed.
  const leads = s.canManage || isChairOrSecretary;
  const attending = s.attendance.some((a) => a.user.id === me.user.id && a.leftAt === null);
  const open = s.state === 'scheduled' || s.state === 'live';
  const myInvite = s.invites.find((i) => i.id === s.myInviteId);
  const roomPath = `/rooms/${encodeURIComponent(s.roomId)}`;

  async function run(key: string, call: () => Promise<ConsultSession>, done?: string): Promise<boolean> {
    setBusy(key);
    try {
      onChanged(await call());
      if (done) notify({ color: 'green', message: done });
      return true;
    } catch (error) {
      notify({ color: 'red', message: errorMessage(t, error) });
      return false;
    } finally {
      setBusy(null);
    }
  }
  const act = (action: Action) => run(action, () => sessionsApi.act(s.id, action));

  return (
    <>
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
                <Button variant="default" loading={busy === 'leave'} onClick={() => void act('leave')} data-testid="session-leave">
                  {t('session.leave')}
                </Button>
              ) : (
                <Button variant="light" loading={busy === 'join'} onClick={() => void act('join')} data-testid="session-join">
                  {t('session.join')}
                </Button>
              ))}
            {open && (
              <Button component={Link} href={roomPath} variant="light" color="teal" data-testid="session-video">
                {t('session.joinVideo')}
              </Button>
            )}
            {leads && s.state === 'scheduled' && (
              <Button loading={busy === 'start'} onClick={() => void act('start')} data-testid="session-start-button">
                {t('session.start')}
              </Button>
            )}
            {leads && s.state === 'live' && (
              <Button color="gray" loading={busy === 'end'} onClick={() => void act('end')} data-testid="session-end-button">
                {t('session.end')}
              </Button>
            )}
            {s.canManage && s.state === 'scheduled' && (
              <Button color="red" variant="subtle" onClick={() => setConfirmCancel(true)} data-testid="session-cancel-button">
                {t('session.cancel')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>

      {myInvite && myInvite.response === 'pending' && open && (
        <Alert color="blue" data-testid="session-my-invite">
          <Group justify="space-between">
            <Text size="sm">{t('session.myInvite')}</Text>
            <Group gap="xs">
              <Button
                size="xs"
                loading={busy === 'accept'}
                onClick={() => void run('accept', () => sessionsApi.respond(s.id, myInvite.id, 'accepted'))}
                data-testid="session-invite-accept"
              >
                {t('session.accept')}
              </Button>
              <Button
                size="xs"
                variant="default"
                loading={busy === 'decline'}
                onClick={() => void run('decline', () => sessionsApi.respond(s.id, myInvite.id, 'declined'))}
                data-testid="session-invite-decline"
              >
                {t('session.decline')}
              </Button>
            </Group>
          </Group>
        </Alert>
      )}

      <Paper withBorder p="md" radius="md">
        <DetailList
          testId="session-details"
          items={[
            {
              label: t('session.field.time'),
              value: t('session.timeRange', { start: formatDateTime(s.startsAt, t.locale), end: formatDateTime(s.endsAt, t.locale) }),
            },
            { label: t('session.field.hub'), value: s.hub.name },
            { label: t('session.field.chair'), value: s.chair.name },
            { label: t('session.field.secretary'), value: s.secretary.name },
            ...(s.startedAt ? [{ label: t('session.field.startedAt'), value: formatDateTime(s.startedAt, t.locale) }] : []),
            ...(s.endedAt ? [{ label: t('session.field.endedAt'), value: formatDateTime(s.endedAt, t.locale) }] : []),
          ]}
        />
      </Paper>

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
                          onClick={() => void run(`discussed:${a.consultId}`, () => sessionsApi.discussed(s.id, a.consultId))}
                          data-testid="session-mark-discussed"
                        >
                          {t('session.markDiscussed')}
                        </Button>
                      )
                    )}
                  </Group>
                </Group>
              </Paper>
            ))}
        </Stack>
      </Stack>

      <Stack component="section" gap="sm" aria-labelledby="session-invites-title">
        <Title order={2} size="h4" id="session-invites-title">
          {t('session.invites')}
        </Title>
        {s.invites.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('session.invitesEmpty')}
          </Text>
        ) : (
          <Stack gap={4} data-testid="session-invites">
            {s.invites.map((i) => (
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

      <Stack component="section" gap="sm" aria-labelledby="session-attendance-title">
        <Title order={2} size="h4" id="session-attendance-title">
          {t('session.attendance')}
        </Title>
        {s.attendance.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('session.attendanceEmpty')}
          </Text>
        ) : (
          <Stack gap={4} data-testid="session-attendance">
            {s.attendance.map((a, i) => (
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

      <MinutesSection
        key={s.id}
        session={s}
        editable={isChairOrSecretary && (s.state === 'live' || s.state === 'ended')}
        onSaved={onChanged}
      />

      <Modal opened={confirmCancel} onClose={() => setConfirmCancel(false)} title={t('session.cancel')} centered>
        <Stack>
          <Text size="sm">{t('session.cancelConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCancel(false)}>
              {t('session.cancelKeep')}
            </Button>
            <Button
              color="red"
              loading={busy === 'cancel'}
              onClick={() => void act('cancel').then((ok) => ok && setConfirmCancel(false))}
              data-testid="session-cancel-confirm"
            >
              {t('session.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function MinutesSection({
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
