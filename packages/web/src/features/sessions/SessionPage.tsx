import {
  Anchor,
  Alert,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { ConsultSession, SessionRecording } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { DetailList } from '../../components/DetailList';
import { QueryState } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { formatDateTime, formatNumber } from '../../i18n/format';
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
  // The patient's consent to recording: the requesting site's staff or the hosts record it, before or during the
  // session (the server has the last word: FORBIDDEN otherwise).
  const canRecordConsent = open && (leads || me.permissions.includes('consult.create'));
  const consentRecorded = (consultId: string, consent: AgendaConsent) =>
    onChanged({ ...s, agenda: s.agenda.map((a) => (a.consultId === consultId ? { ...a, recordingConsent: consent } : a)) });

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
                <AgendaRecordingConsent
                  sessionId={s.id}
                  consultId={a.consultId}
                  consent={a.recordingConsent}
                  editable={canRecordConsent}
                  onRecorded={(consent) => consentRecorded(a.consultId, consent)}
                />
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

      <RecordingsSection sessionId={s.id} sessionState={s.state} />

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

type AgendaConsent = NonNullable<ConsultSession['agenda'][number]['recordingConsent']>;
type ConsentMethod = AgendaConsent['method'];
const CONSENT_METHODS: readonly ConsentMethod[] = ['written', 'verbal'];

/**
 * An agenda case's "patient consented to recording": who recorded it and when once done; else, for those who may,
 * how the patient consented (in writing, verbally) and a confirm button.
 */
function AgendaRecordingConsent({
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

/** A file's size for people: kilobytes under a tenth of a megabyte, else megabytes. */
function fileSize(t: ReturnType<typeof useT>, bytes: number): string {
  if (bytes < 100_000) return t('session.recordings.kilobytes', { size: formatNumber(Math.max(1, Math.round(bytes / 1_000)), t.locale) });
  return t('session.recordings.megabytes', { size: formatNumber(Math.round(bytes / 100_000) / 10, t.locale) });
}

/**
 * The session's recordings, each with its files to play or download (every read is logged by the server, so
 * nothing is fetched before the person presses play). Reloaded when the session's state changes.
 */
function RecordingsSection({ sessionId, sessionState }: { sessionId: string; sessionState: ConsultSession['state'] }) {
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
