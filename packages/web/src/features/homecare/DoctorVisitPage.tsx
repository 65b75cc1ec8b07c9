import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { VisitDetail } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { DetailList } from '../../components/DetailList';
import { QueryState } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { formatDate, formatDateTime, localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { Link } from '../../router';
import { useMe } from '../auth/use-session';
import { useNow } from '../consults/use-now';
import { CareRefusalAlert } from './CareRefusalAlert';
import { ConsoleStepSection } from './ConsoleStep';
import { PaymentPanel } from './PaymentPanel';
import { PrescriptionForm } from './PrescriptionForm';
import { PrescriptionById } from './PrescriptionView';
import { CardSkeletons } from './PhonePage';
import { VisitMessages } from './VisitMessages';
import { VisitNoteForm } from './VisitNoteForm';
import { EmergencyBanner } from './VisitOutcome';
import { VisitStepsForm } from './VisitStepsForm';
import { VISIT_STATE_COLOR, isLive } from './homecare-logic';
import { careApi, roomHref } from './homecare.api';
import { usePoll } from './use-poll';
import { careRefusalOf } from './care-refusal';
import type { CareRefusal } from './care-refusal';
import { messagesOpen } from './patient-visit';
import { consoleSteps, currentStep, patientAge, startOpensAt } from './visit-steps';
import type { StepView } from './visit-steps';

/**
 * `/homecare/visits/:id`: the doctor's console for one visit, step by step as Official Dispatch 7946/BYT-KCB
 * orders it — start (the legal gate is checked again, the video room opens), identity and consent, red-flag
 * triage (any flag ends the visit as an emergency referral), the video with the messages as fallback, the note
 * with ICD-10 diagnoses, the e-prescription, the end (the VietQR payment request follows). Steps out of order are
 * locked with the reason, as the server would refuse them.
 */
export function DoctorVisitPage({ params }: PageProps) {
  const t = useT();
  const visitId = params['id'] ?? '';
  const me = useMe();
  const visit = useQuery(`care-visit:${visitId}`, (signal) => careApi.get(visitId, signal));
  usePoll(visit.reload, 15_000, visit.data !== undefined && isLive(visit.data));
  const staff = me.permissions.includes('visit.conduct') || me.permissions.includes('visit.manage');
  if (!staff) {
    // A patient's account: their own page of the visit.
    return (
      <Alert color="yellow" data-testid="visit-console-not-staff">
        <Anchor component={Link} href={`/patient/visits/${encodeURIComponent(visitId)}`}>
          {t('care.notStaff')}
        </Anchor>
      </Alert>
    );
  }
  return (
    <Stack gap="md" maw={960} w="100%">
      <Anchor component={Link} href="/homecare/schedule" size="sm" py={6} w="fit-content">
        ← {t('schedule.title')}
      </Anchor>
      <Title order={1} size="h2">
        {t('care.title')}
      </Title>
      <QueryState query={visit} skeleton={<CardSkeletons count={4} height={120} />}>
        {(v) => <Console visit={v} onChanged={visit.reload} />}
      </QueryState>
    </Stack>
  );
}

function Console({ visit: v, onChanged }: { visit: VisitDetail; onChanged: () => void }) {
  const t = useT();
  const me = useMe();
  const now = useNow(30_000);
  const mayConduct = me.permissions.includes('visit.conduct');
  const views = consoleSteps(v, now, mayConduct);
  const current = currentStep(views);
  const age = patientAge(v.patient.birthDate, localIsoDate(new Date(now)));

  return (
    <Stack gap="md" data-testid="visit-console" data-state={v.state}>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group justify="space-between" gap="xs" align="flex-start">
            <Stack gap={0} miw={0}>
              <Text fw={700} size="lg">
                {v.patient.name}
              </Text>
              <Text size="sm" c="dimmed">
                {age ? ('years' in age ? t('person.age', { age: age.years }) : t('care.identity.ageMonths', { months: age.months })) : ''}
                {' · '}
                {formatDate(v.patient.birthDate, t.locale)}
              </Text>
            </Stack>
            <Badge color={VISIT_STATE_COLOR[v.state]} variant="light" tt="none" size="lg" data-testid="visit-state" data-state={v.state}>
              {t(`visit.state.${v.state}`)}
            </Badge>
          </Group>
          <DetailList
            testId="visit-console-details"
            items={[
              {
                label: t('visit.when'),
                value: v.startsAt
                  ? formatDateTime(v.startsAt, t.locale)
                  : v.queueNumber !== null
                    ? t('visit.walkInNumber', { number: v.queueNumber })
                    : t('visit.kind.walk_in'),
              },
              { label: t('visit.service'), value: v.service.name },
              { label: t('visit.doctor'), value: v.practitioner?.name },
              { label: t('visit.condition'), value: t('visit.conditionValue', { no: v.condition.no, name: v.condition.name }), wide: true },
              { label: t('visit.reason'), value: v.reason, wide: true },
            ]}
          />
        </Stack>
      </Paper>

      {v.state === 'referred_emergency' && <EmergencyBanner advice={v.steps.emergencyAdvice} redFlags={v.steps.redFlags} forDoctor />}
      {(v.state === 'cancelled' || v.state === 'no_show') && <Alert color="gray">{t('care.over')}</Alert>}

      <StartStep visit={v} view={views.start} current={current === 'start'} now={now} onStarted={onChanged} />
      <VisitStepsForm visit={v} views={views} current={current} onSaved={onChanged} />
      <VideoStep visit={v} view={views.video} current={current === 'video'} mayConduct={mayConduct} />
      <ConsoleStepSection step="note" number={5} view={views.note} current={current === 'note'}>
        {/* A visit over without a note has nothing to show here but why. */}
        {(v.note !== null || isLive(v)) && <VisitNoteForm visit={v} editable={views.note.available} onSaved={onChanged} />}
      </ConsoleStepSection>
      <ConsoleStepSection step="prescription" number={6} view={views.prescription} current={current === 'prescription'}>
        {v.prescriptionId ? (
          <PrescriptionById prescriptionId={v.prescriptionId} />
        ) : (
          // Only once it may be issued: an empty form under a locked step says nothing, and its route lists would
          // sit among the ICD-10 picker's options.
          views.prescription.available && <PrescriptionForm visitId={v.id} editable onIssued={onChanged} />
        )}
      </ConsoleStepSection>
      <CompleteStep visit={v} view={views.complete} current={current === 'complete'} onCompleted={onChanged} />
    </Stack>
  );
}

function StartStep({
  visit: v,
  view,
  current,
  now,
  onStarted,
}: {
  visit: VisitDetail;
  view: StepView;
  current: boolean;
  now: number;
  onStarted: () => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CareRefusal | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const opensAt = startOpensAt(v, now);

  async function start(): Promise<void> {
    setBusy(true);
    setRefusal(null);
    setProblem(null);
    try {
      await careApi.start(v.id);
      notify({ color: 'green', message: t('care.start.started') });
      onStarted();
    } catch (error) {
      const refused = careRefusalOf(error);
      if (refused) setRefusal(refused);
      else setProblem(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConsoleStepSection step="start" number={1} view={view} current={current}>
      {v.startedAt ? (
        <Text size="sm" data-testid="visit-started-at">
          {t('care.start.startedAt', { time: formatDateTime(v.startedAt, t.locale) })}
        </Text>
      ) : (
        <>
          <Text size="sm">{t('care.start.hint')}</Text>
          {opensAt && view.available && (
            <Alert color="yellow" data-testid="visit-too-early">
              {t('care.start.opensAt', { time: formatDateTime(opensAt, t.locale) })}
            </Alert>
          )}
          {refusal && <CareRefusalAlert refusal={refusal} testId="visit-start-refused" />}
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Button
            size="md"
            w="fit-content"
            loading={busy}
            disabled={!view.available}
            onClick={() => void start()}
            data-testid="visit-start"
          >
            {t('care.start.button')}
          </Button>
        </>
      )}
    </ConsoleStepSection>
  );
}

function VideoStep({ visit: v, view, current, mayConduct }: { visit: VisitDetail; view: StepView; current: boolean; mayConduct: boolean }) {
  const t = useT();
  return (
    <ConsoleStepSection step="video" number={4} view={view} current={current}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="xs">
          <Text size="sm">{t('care.video.hint')}</Text>
          {v.roomId && view.available ? (
            <Button
              component="a"
              href={roomHref(v.roomId)}
              target="_blank"
              rel="noopener"
              size="md"
              w="fit-content"
              data-testid="visit-open-room"
            >
              {t('care.video.open')}
            </Button>
          ) : (
            <Button size="md" w="fit-content" disabled data-testid="visit-open-room">
              {t('care.video.open')}
            </Button>
          )}
          <Text size="xs" c="dimmed">
            {t('care.video.newTab')}
          </Text>
        </Stack>
        {v.startedAt !== null || messagesOpen(v) ? <VisitMessages visitId={v.id} open={messagesOpen(v)} canSend={mayConduct} /> : null}
      </SimpleGrid>
    </ConsoleStepSection>
  );
}

function CompleteStep({
  visit: v,
  view,
  current,
  onCompleted,
}: {
  visit: VisitDetail;
  view: StepView;
  current: boolean;
  onCompleted: () => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CareRefusal | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function complete(): Promise<void> {
    setBusy(true);
    setRefusal(null);
    setProblem(null);
    try {
      await careApi.complete(v.id);
      notify({ color: 'green', message: t('care.complete.done') });
      onCompleted();
    } catch (error) {
      const refused = careRefusalOf(error);
      if (refused) setRefusal(refused);
      else setProblem(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConsoleStepSection step="complete" number={7} view={view} current={current}>
      {v.state === 'completed' ? (
        <Stack gap="sm">
          {v.endedAt && (
            <Text size="sm" data-testid="visit-ended-at">
              {t('care.complete.endedAt', { time: formatDateTime(v.endedAt, t.locale) })}
            </Text>
          )}
          {v.paymentId && <PaymentPanel visitId={v.id} forPatient={false} />}
        </Stack>
      ) : (
        <>
          <Text size="sm">{t('care.complete.hint')}</Text>
          {refusal && <CareRefusalAlert refusal={refusal} testId="visit-complete-refused" />}
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Button
            size="md"
            w="fit-content"
            loading={busy}
            disabled={!view.available}
            onClick={() => void complete()}
            data-testid="visit-complete"
          >
            {t('care.complete.button')}
          </Button>
        </>
      )}
    </ConsoleStepSection>
  );
}
