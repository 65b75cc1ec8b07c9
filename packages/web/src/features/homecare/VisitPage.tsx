import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import type { Slot, VisitDetail } from '@vuonxa/core';
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
import { formatSpan, minutesUntil } from '../consults/consult-time';
import { useNow } from '../consults/use-now';
import { FeeText } from './FeeText';
import { CardSkeletons, PhonePage } from './PhonePage';
import { RefusalAlert } from './RefusalAlert';
import { SlotPicker } from './SlotPicker';
import { VISIT_STATE_COLOR, changeability, isLive, refusalOf } from './homecare-logic';
import type { Changeability, Refusal } from './homecare-logic';
import { careApi, roomHref, visitsApi } from './homecare.api';
import { PaymentPanel } from './PaymentPanel';
import { PrescriptionView } from './PrescriptionView';
import { VisitMessages } from './VisitMessages';
import { EmergencyBanner, NoteSummary } from './VisitOutcome';
import { usePoll } from './use-poll';
import { messagesOpen, patientPhase, patientPollMs } from './patient-visit';

/**
 * `/patient/visits/:id`: one visit. Before it: when and where, "the doctor will let you in", cancel and move while
 * the facility's cut-off allows. During it: the big button into the video room, and the messages when video
 * fails. After it: the doctor's note, the prescription, the payment by VietQR; or, after a red flag, the
 * emergency advice. Read again every 10 s while it may start or is under way.
 */
export function VisitPage({ params }: PageProps) {
  const t = useT();
  const visitId = params['id'] ?? '';
  const visit = useQuery(`visit:${visitId}`, (signal) => careApi.get(visitId, signal));
  const now = useNow(60_000);
  const poll = visit.data ? patientPollMs(visit.data, now) : null;
  usePoll(visit.reload, poll ?? 60_000, poll !== null);
  return (
    <PhonePage title={t('visit.title')} back={{ href: '/patient/visits', label: t('visits.title') }}>
      <QueryState query={visit} skeleton={<CardSkeletons count={2} height={120} />}>
        {(v) => <VisitBody visit={v} onChanged={visit.reload} />}
      </QueryState>
    </PhonePage>
  );
}

function VisitBody({ visit: v, onChanged }: { visit: VisitDetail; onChanged: () => void }) {
  const t = useT();
  const now = useNow(30_000);
  const change = changeability(v, now);
  const startsIn = v.startsAt ? minutesUntil(new Date(v.startsAt), now) : null;
  const phase = patientPhase(v);

  return (
    <Stack gap="md" data-testid="visit-detail" data-state={v.state} data-phase={phase}>
      {phase === 'emergency' && <EmergencyBanner advice={v.steps.emergencyAdvice} />}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <Badge color={VISIT_STATE_COLOR[v.state]} variant="light" tt="none" size="lg" data-testid="visit-state" data-state={v.state}>
              {t(`visit.state.${v.state}`)}
            </Badge>
            {v.kind === 'walk_in' && v.queueNumber !== null && (
              <Text fw={700} data-testid="visit-queue-number">
                {t('visit.walkInNumber', { number: v.queueNumber })}
              </Text>
            )}
          </Group>
          {v.startsAt && (
            <Title order={2} size="h3">
              {formatDateTime(v.startsAt, t.locale)}
            </Title>
          )}
          {phase === 'before' && startsIn !== null && startsIn > 0 && (
            <Text size="sm" data-testid="visit-countdown">
              {t('visit.startsIn', { span: formatSpan(t, startsIn) })}
            </Text>
          )}
          {phase === 'before' && (
            <Text size="sm" c="dimmed" data-testid="visit-wait-doctor">
              {t('visit.doctorLetsIn', { doctor: v.practitioner?.name ?? t('visit.theDoctor'), facility: v.facility.name })}
            </Text>
          )}
          {phase === 'called' && (
            <Text size="sm" fw={600} data-testid="visit-called">
              {t('visit.called')}
            </Text>
          )}
        </Stack>
      </Paper>
      {phase === 'in_room' && v.roomId && (
        <Paper withBorder p="md" bg="var(--mantine-color-green-light)">
          <Stack gap="sm">
            <Text fw={600}>{t('visit.room.ready')}</Text>
            <Button component={Link} href={roomHref(v.roomId)} size="xl" fullWidth color="green" data-testid="visit-join-room">
              {t('visit.room.join')}
            </Button>
            <Text size="sm">{t('visit.room.lobby')}</Text>
          </Stack>
        </Paper>
      )}
      {(phase === 'in_room' || phase === 'called') && (
        <Paper withBorder p="md">
          <VisitMessages visitId={v.id} open={messagesOpen(v)} />
        </Paper>
      )}
      {phase === 'done' && <AfterVisit visit={v} />}
      <Paper withBorder p="md">
        <DetailList
          testId="visit-details"
          items={[
            { label: t('visit.patient'), value: v.patient.name },
            { label: t('visit.doctor'), value: v.practitioner?.name },
            { label: t('visit.service'), value: v.service.name },
            { label: t('visit.facility'), value: v.facility.name },
            { label: t('visit.condition'), value: t('visit.conditionValue', { no: v.condition.no, name: v.condition.name }), wide: true },
            { label: t('visit.reason'), value: v.reason, wide: true },
            {
              label: t('visit.fee'),
              value: <FeeText feeVnd={v.service.feeVnd} insuranceCovered={v.service.insuranceCovered} />,
              wide: true,
            },
            { label: t('visit.bookedAt'), value: formatDateTime(v.createdAt, t.locale) },
          ]}
        />
      </Paper>
      {isLive(v) && phase === 'before' && <ChangeSection visit={v} change={change} now={now} onChanged={onChanged} />}
    </Stack>
  );
}

/** After the visit: the note, the prescription (or that none was given), the payment. */
function AfterVisit({ visit: v }: { visit: VisitDetail }) {
  const t = useT();
  const rx = useQuery(`prescription:${v.prescriptionId ?? '-'}`, (signal) =>
    v.prescriptionId ? careApi.prescription(v.prescriptionId, signal) : Promise.resolve(null),
  );
  const names = new Map((rx.data?.diagnoses ?? []).flatMap((d) => (d.name ? [[d.code, d.name] as const] : [])));
  return (
    <Stack gap="md">
      {v.note && <NoteSummary note={v.note} endedAt={v.endedAt} names={names} />}
      <Stack gap="sm" component="section" aria-labelledby="visit-rx-title">
        <Title order={2} size="h4" id="visit-rx-title">
          {t('rx.title')}
        </Title>
        {v.prescriptionId ? (
          <QueryState query={rx} skeleton={<CardSkeletons count={1} height={160} />}>
            {(p) => (p ? <PrescriptionView prescription={p} /> : null)}
          </QueryState>
        ) : (
          <Text size="sm" c="dimmed" data-testid="rx-none">
            {t('rx.none')}
          </Text>
        )}
      </Stack>
      {v.paymentId && <PaymentPanel visitId={v.id} forPatient />}
    </Stack>
  );
}

function ChangeSection({
  visit,
  change,
  now,
  onChanged,
}: {
  visit: VisitDetail;
  change: Changeability;
  now: number;
  onChanged: () => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [moving, setMoving] = useState(false);
  const [newSlot, setNewSlot] = useState<Slot | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const explain = !change.ok ? lockedText(t, change) : null;

  async function reschedule(slot: Slot): Promise<void> {
    setBusy(true);
    setRefusal(null);
    setProblem(null);
    try {
      await visitsApi.reschedule(visit.id, slot.id);
      notify({ color: 'green', message: t('visit.rescheduled', { time: formatDateTime(slot.startsAt, t.locale) }) });
      setMoving(false);
      setNewSlot(null);
      onChanged();
    } catch (error) {
      const refused = refusalOf(error, 'change');
      if (refused) setRefusal(refused);
      else setProblem(errorMessage(t, error));
      setNewSlot(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="visit-change-title">
      <Title order={2} size="h4" id="visit-change-title">
        {t('visit.change.title')}
      </Title>
      {change.ok ? (
        <Text size="sm" data-testid="visit-changeable">
          {t('visit.change.until', {
            time: formatDateTime(change.until, t.locale),
            span: formatSpan(t, minutesUntil(new Date(change.until), now)),
          })}
        </Text>
      ) : (
        explain && (
          <Alert color="yellow" data-testid="visit-locked" data-why={change.why}>
            {explain}
          </Alert>
        )
      )}
      {refusal && <RefusalAlert refusal={refusal} testId="visit-refused" />}
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
      {(change.ok || change.why === 'cutoff_passed' || change.why === 'no_deadline') && (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Button
            variant="light"
            size="md"
            disabled={!change.ok || busy}
            onClick={() => {
              setMoving((m) => !m);
              setNewSlot(null);
            }}
            data-testid="visit-reschedule"
            aria-expanded={moving}
          >
            {t('visit.reschedule')}
          </Button>
          <Button
            variant="outline"
            color="red"
            size="md"
            disabled={!change.ok || busy}
            onClick={() => setCancelOpen(true)}
            data-testid="visit-cancel"
          >
            {t('visit.cancel')}
          </Button>
        </SimpleGrid>
      )}
      {moving && change.ok && (
        <Paper withBorder p="sm">
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              {t('visit.reschedule.pick')}
            </Text>
            {newSlot ? (
              <Stack gap="sm">
                <Text size="sm">{t('visit.reschedule.confirmText', { time: formatDateTime(newSlot.startsAt, t.locale) })}</Text>
                <Group gap="sm" grow>
                  <Button variant="subtle" size="md" onClick={() => setNewSlot(null)}>
                    {t('common.back')}
                  </Button>
                  <Button size="md" loading={busy} onClick={() => void reschedule(newSlot)} data-testid="visit-reschedule-confirm">
                    {t('visit.reschedule.confirm')}
                  </Button>
                </Group>
              </Stack>
            ) : (
              <SlotPicker filter={{ serviceId: visit.service.id }} onPick={setNewSlot} />
            )}
          </Stack>
        </Paper>
      )}
      <CancelDialog
        visit={visit}
        opened={cancelOpen}
        onClose={() => setCancelOpen(false)}
        onDone={() => {
          setCancelOpen(false);
          onChanged();
        }}
      />
    </Stack>
  );
}

function lockedText(t: ReturnType<typeof useT>, change: Exclude<Changeability, { ok: true }>): string {
  switch (change.why) {
    case 'cutoff_passed':
      return t('visit.locked.cutoff', { time: change.until ? formatDateTime(change.until, t.locale) : '' });
    case 'walk_in':
      return t('visit.locked.walkIn');
    case 'no_deadline':
      return t('visit.locked.noDeadline');
    case 'state':
      return t('visit.locked.state');
  }
}

function CancelDialog({
  visit,
  opened,
  onClose,
  onDone,
}: {
  visit: VisitDetail;
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function confirm(): Promise<void> {
    setBusy(true);
    setRefusal(null);
    setProblem(null);
    try {
      await visitsApi.cancel(visit.id, reason.trim() || undefined);
      notify({ color: 'green', message: t('visit.cancelled') });
      onDone();
    } catch (error) {
      const refused = refusalOf(error, 'change');
      if (refused) setRefusal(refused);
      else setProblem(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('visit.cancel.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <Text size="sm">
          {visit.startsAt
            ? t('visit.cancel.confirmText', { time: formatDateTime(visit.startsAt, t.locale) })
            : t('visit.cancel.confirmTextNoTime')}
        </Text>
        {refusal && <RefusalAlert refusal={refusal} testId="visit-refused" />}
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Textarea
          label={t('visit.cancel.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
          data-testid="visit-cancel-reason"
        />
        <Group gap="sm" grow>
          <Button variant="subtle" size="md" onClick={onClose}>
            {t('visit.cancel.keep')}
          </Button>
          <Button color="red" size="md" loading={busy} onClick={() => void confirm()} data-testid="visit-cancel-confirm">
            {t('visit.cancel.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
