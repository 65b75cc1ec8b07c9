import { Button, Group, Modal, Paper, Skeleton, Stack, Text } from '@mantine/core';
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
import { useMe } from '../auth/use-session';
import { useRealtime } from '../notifications/use-realtime';
import type { AgendaConsent } from './AgendaRecordingConsent';
import { SessionAgenda } from './SessionAgenda';
import { MyInviteAlert, SessionHeader } from './SessionHeader';
import type { SessionAction } from './SessionHeader';
import { MinutesSection } from './SessionMinutes';
import { SessionAttendance, SessionInvites } from './SessionPeople';
import { RecordingsSection } from './SessionRecordings';
import { sessionsApi } from './sessions.api';

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
  const act = (action: SessionAction) => run(action, () => sessionsApi.act(s.id, action));

  return (
    <>
      <SessionHeader
        session={s}
        open={open}
        attending={attending}
        leads={leads}
        busy={busy}
        onAct={(action) => void act(action)}
        onCancel={() => setConfirmCancel(true)}
      />

      {myInvite && myInvite.response === 'pending' && open && (
        <MyInviteAlert
          busy={busy}
          onRespond={(response) =>
            void run(response === 'accepted' ? 'accept' : 'decline', () => sessionsApi.respond(s.id, myInvite.id, response))
          }
        />
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

      <SessionAgenda
        session={s}
        leads={leads}
        busy={busy}
        canRecordConsent={canRecordConsent}
        onDiscussed={(consultId) => void run(`discussed:${consultId}`, () => sessionsApi.discussed(s.id, consultId))}
        onConsentRecorded={consentRecorded}
      />

      <SessionInvites invites={s.invites} />

      <SessionAttendance attendance={s.attendance} />

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
