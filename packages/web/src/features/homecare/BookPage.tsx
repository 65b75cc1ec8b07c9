import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import type { AccountPerson, PatientProfile, RemoteCareCondition, Slot, Visit } from '@vuonxa/core';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { DetailList } from '../../components/DetailList';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { formatDateTime } from '../../i18n/format';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { Link, useSearchParams } from '../../router';
import { BookingGate } from './BookingGate';
import { ConditionPicker } from './ConditionPicker';
import { FeeText } from './FeeText';
import { PersonPicker } from './PersonPicker';
import { PhonePage } from './PhonePage';
import { RefusalAlert } from './RefusalAlert';
import { SlotPicker } from './SlotPicker';
import { refusalOf } from './homecare-logic';
import type { Refusal } from './homecare-logic';
import { visitsApi } from './homecare.api';

type Step = 'person' | 'condition' | 'slot' | 'confirm';
const STEPS: readonly Step[] = ['person', 'condition', 'slot', 'confirm'];
const STEP_TITLE: Record<Step, MessageKey> = {
  person: 'book.step.person',
  condition: 'book.step.condition',
  slot: 'book.step.slot',
  confirm: 'book.step.confirm',
};

/**
 * `/patient/book` (`?patientId=` to book for one family member): who, which listed condition, which doctor and
 * time, why — then the booking. Consents and the patient's own details are asked for first.
 */
export function BookPage() {
  const t = useT();
  const [done, setDone] = useState<Visit | null>(null);
  return (
    <PhonePage title={done ? t('book.done.title') : t('book.title')} back={{ href: '/patient', label: t('patientNav.home') }}>
      {done ? (
        <BookedPanel visit={done} />
      ) : (
        <BookingGate>{(profile) => <BookingSteps profile={profile} onBooked={setDone} />}</BookingGate>
      )}
    </PhonePage>
  );
}

function BookingSteps({ profile, onBooked }: { profile: PatientProfile; onBooked: (visit: Visit) => void }) {
  const t = useT();
  const params = useSearchParams();
  const preset = profile.people.find((p) => p.patientId === params.get('patientId'));
  // Even with one person on the account the choice is shown: the patient sees who the visit is for.
  const [person, setPerson] = useState<AccountPerson | undefined>(preset);
  const [condition, setCondition] = useState<RemoteCareCondition | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [slotsNonce, setSlotsNonce] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const step: Step = !person ? 'person' : !condition ? 'condition' : !slot ? 'slot' : 'confirm';
  const index = STEPS.indexOf(step);

  // Each step starts at its heading, for the eye and for a screen reader.
  const go = (fn: () => void) => {
    fn();
    window.setTimeout(() => {
      headingRef.current?.focus();
      window.scrollTo(0, 0);
    }, 0);
  };

  const back = () =>
    go(() => {
      if (step === 'confirm') setSlot(null);
      else if (step === 'slot') setCondition(null);
      else if (step === 'condition') setPerson(undefined);
    });

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text size="sm" c="dimmed" data-testid="book-step" data-step={step}>
          {t('book.stepOf', { n: index + 1, total: STEPS.length })}
        </Text>
        <Progress value={((index + 1) / STEPS.length) * 100} size="sm" aria-hidden />
        <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
          {t(STEP_TITLE[step])}
        </Title>
        {person && step !== 'person' && (
          <Text size="sm" data-testid="book-chosen">
            {t('book.for', { name: person.fullName })}
            {condition && ` · ${condition.name}`}
          </Text>
        )}
      </Stack>

      {step === 'person' && (
        <Stack gap="sm">
          <PersonPicker people={profile.people} onPick={(p) => go(() => setPerson(p))} />
          <Anchor component={Link} href="/patient/profile#family" size="sm" py={6}>
            {t('book.person.addFamily')}
          </Anchor>
        </Stack>
      )}
      {step === 'condition' && <ConditionPicker onPick={(c) => go(() => setCondition(c))} />}
      {step === 'slot' && condition && (
        <SlotPicker
          key={slotsNonce}
          filter={{ specialty: condition.specialty }}
          onPick={(s) => go(() => setSlot(s))}
          emptyExtra={
            <Anchor component={Link} href="/patient/walk-in" size="sm">
              {t('book.slot.tryWalkIn')}
            </Anchor>
          }
        />
      )}
      {step === 'confirm' && person && condition && slot && (
        <ConfirmStep
          person={person}
          condition={condition}
          slot={slot}
          onBooked={onBooked}
          onOtherSlot={() =>
            go(() => {
              setSlot(null);
              setSlotsNonce((n) => n + 1);
            })
          }
          onOtherCondition={() =>
            go(() => {
              setSlot(null);
              setCondition(null);
            })
          }
        />
      )}

      {step !== 'person' && (
        <Button variant="subtle" onClick={back} w="fit-content" size="md" data-testid="book-back">
          {t('common.back')}
        </Button>
      )}
    </Stack>
  );
}

const REASON_MIN = 3;
const REASON_MAX = 2000;

function ConfirmStep({
  person,
  condition,
  slot,
  onBooked,
  onOtherSlot,
  onOtherCondition,
}: {
  person: AccountPerson;
  condition: RemoteCareCondition;
  slot: Slot;
  onBooked: (visit: Visit) => void;
  onOtherSlot: () => void;
  onOtherCondition: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [formRef, form] = useFormProblems((f) => f === 'reason');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setRefusal(null);
    if (reason.trim().length < REASON_MIN) return form.showLocal({ reason: { key: 'book.reason.required' } });
    setBusy(true);
    try {
      onBooked(await visitsApi.book({ slotId: slot.id, patientId: person.patientId, conditionNo: condition.no, reason: reason.trim() }));
      window.scrollTo(0, 0);
    } catch (error) {
      const refused = refusalOf(error, 'book');
      if (refused) {
        setRefusal(refused);
        // The alert takes the focus, so the refusal is read out at once.
        window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[data-testid="book-refused"]')?.focus(), 0);
      } else form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  const refusalActions =
    refusal === null ? null : refusal.reason === 'consent_missing' ? (
      <Button component={Link} href="/patient/profile#consents" size="md" variant="white" color="red" w="fit-content">
        {t('book.gate.toConsents')}
      </Button>
    ) : refusal.reason === 'condition_not_listed' ? (
      <Button size="md" variant="white" color="red" w="fit-content" onClick={onOtherCondition}>
        {t('book.refused.otherCondition')}
      </Button>
    ) : refusal.reason === 'not_your_patient' ? null : (
      <Button size="md" variant="white" color="red" w="fit-content" onClick={onOtherSlot} data-testid="book-other-slot">
        {refusal.reason === 'outside_scope' ? t('book.refused.otherDoctor') : t('book.refused.otherSlot')}
      </Button>
    );

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
      <Stack gap="md">
        <Paper withBorder p="md">
          <DetailList
            testId="book-summary"
            items={[
              { label: t('visit.patient'), value: person.fullName },
              { label: t('visit.condition'), value: t('visit.conditionValue', { no: condition.no, name: condition.name }) },
              { label: t('visit.when'), value: formatDateTime(slot.startsAt, t.locale) },
              { label: t('visit.doctor'), value: slot.practitioner.name },
              { label: t('visit.service'), value: slot.service.name },
              { label: t('visit.facility'), value: slot.facility.name },
              {
                label: t('visit.fee'),
                value: <FeeText feeVnd={slot.service.feeVnd} insuranceCovered={slot.service.insuranceCovered} />,
                wide: true,
              },
            ]}
          />
        </Paper>
        {refusal && <RefusalAlert refusal={refusal} testId="book-refused" actions={refusalActions} />}
        <FormAlert problem={form.formProblem} />
        <Textarea
          label={t('book.reason')}
          description={t('book.reason.hint')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            form.clear('reason');
          }}
          error={form.err('reason')}
          autosize
          minRows={3}
          maxLength={REASON_MAX}
          withAsterisk
          size="md"
          data-testid="book-reason"
        />
        <Text size="xs" c="dimmed">
          {t('book.confirm.note')}
        </Text>
        <Button type="submit" size="lg" fullWidth loading={busy} data-testid="book-confirm">
          {t('book.confirm')}
        </Button>
      </Stack>
    </form>
  );
}

function BookedPanel({ visit }: { visit: Visit }) {
  const t = useT();
  return (
    <Stack gap="md" data-testid="book-success" data-visit-id={visit.id}>
      <Alert color="teal" role="status" title={t('book.done.heading')}>
        <Text size="sm">
          {visit.startsAt ? t('book.done.body', { time: formatDateTime(visit.startsAt, t.locale) }) : t('book.done.bodyNoTime')}
        </Text>
        {visit.changeableUntil && (
          <Text size="sm" mt={4}>
            {t('book.done.changeUntil', { time: formatDateTime(visit.changeableUntil, t.locale) })}
          </Text>
        )}
      </Alert>
      <Paper withBorder p="md">
        <DetailList
          items={[
            { label: t('visit.patient'), value: visit.patient.name },
            { label: t('visit.doctor'), value: visit.practitioner?.name },
            { label: t('visit.service'), value: visit.service.name },
            { label: t('visit.facility'), value: visit.facility.name },
            { label: t('visit.condition'), value: t('visit.conditionValue', { no: visit.condition.no, name: visit.condition.name }) },
            { label: t('visit.fee'), value: <FeeText feeVnd={visit.service.feeVnd} insuranceCovered={visit.service.insuranceCovered} /> },
          ]}
        />
      </Paper>
      <Group gap="sm" grow>
        <Button component={Link} href={`/patient/visits/${encodeURIComponent(visit.id)}`} size="md" data-testid="book-open-visit">
          {t('book.done.open')}
        </Button>
        <Button component={Link} href="/patient" size="md" variant="light">
          {t('patientNav.home')}
        </Button>
      </Group>
    </Stack>
  );
}
