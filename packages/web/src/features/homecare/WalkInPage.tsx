import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { AccountPerson, PatientProfile, RemoteCareCondition, WalkIn } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useQuery } from '../../api/use-query';
import { FormAlert } from '../../components/FormAlert';
import { QueryState } from '../../components/QueryState';
import { useFormProblems } from '../../components/use-form-problems';
import { useT } from '../../i18n/use-t';
import { navigate } from '../../router';
import { specialtyName } from '../registry/labels';
import { BookingGate } from './BookingGate';
import { ConditionPicker } from './ConditionPicker';
import { FeeText } from './FeeText';
import { PersonPicker } from './PersonPicker';
import { CardSkeletons, PhonePage } from './PhonePage';
import { RefusalAlert } from './RefusalAlert';
import { refusalOf, specialtyOf } from './homecare-logic';
import type { Refusal } from './homecare-logic';
import { walkInApi } from './homecare.api';
import { usePoll } from './use-poll';

/** `/patient/walk-in`: the virtual clinics open now, how many wait and how long; take a number for oneself or a child. */
export function WalkInPage() {
  const t = useT();
  const [taking, setTaking] = useState<WalkIn | null>(null);
  return (
    <PhonePage
      title={taking ? t('walkin.take.title', { service: taking.service.name }) : t('walkin.title')}
      intro={taking ? undefined : t('walkin.intro')}
      back={{ href: '/patient', label: t('patientNav.home') }}
    >
      {taking ? <TakeTicket walkIn={taking} onCancel={() => setTaking(null)} /> : <OpenClinics onTake={setTaking} />}
    </PhonePage>
  );
}

function OpenClinics({ onTake }: { onTake: (walkIn: WalkIn) => void }) {
  const t = useT();
  const list = useQuery('walk-ins:open', (signal) => walkInApi.list({}, signal));
  usePoll(list.reload, 30_000);
  return (
    <QueryState query={list} skeleton={<CardSkeletons count={2} height={130} />}>
      {(walkIns) =>
        walkIns.length === 0 ? (
          <Alert color="gray" data-testid="walkin-none">
            {t('walkin.none')}
          </Alert>
        ) : (
          <Stack gap="sm">
            {walkIns.map((w) => {
              const specialty = specialtyOf(w.service.specialty);
              return (
                <Paper key={w.id} withBorder p="md" data-testid="walkin-item" data-walkin-id={w.id}>
                  <Stack gap="xs">
                    <Stack gap={0}>
                      <Text fw={700}>{w.service.name}</Text>
                      <Text size="sm" c="dimmed">
                        {w.facility.name}
                        {specialty && ` · ${specialtyName(specialty, t.locale)}`}
                      </Text>
                    </Stack>
                    <Group gap="xs" wrap="wrap">
                      <Badge variant="light" tt="none" size="lg">
                        {t('walkin.waiting', { count: w.waiting })}
                      </Badge>
                      <Badge variant="light" color="gray" tt="none" size="lg">
                        {t('walkin.expectedWait', { minutes: w.expectedWaitMinutes })}
                      </Badge>
                    </Group>
                    <FeeText feeVnd={w.service.feeVnd} />
                    <Button size="lg" fullWidth onClick={() => onTake(w)} data-testid={`walkin-take-${w.id}`}>
                      {t('walkin.take')}
                    </Button>
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        )
      }
    </QueryState>
  );
}

function TakeTicket({ walkIn, onCancel }: { walkIn: WalkIn; onCancel: () => void }) {
  const t = useT();
  return (
    <Stack gap="md">
      <BookingGate>{(profile) => <TakeSteps walkIn={walkIn} profile={profile} />}</BookingGate>
      <Button variant="subtle" size="md" w="fit-content" onClick={onCancel} data-testid="walkin-back">
        {t('walkin.backToList')}
      </Button>
    </Stack>
  );
}

function TakeSteps({ walkIn, profile }: { walkIn: WalkIn; profile: PatientProfile }) {
  const t = useT();
  const [person, setPerson] = useState<AccountPerson | null>(null);
  const [condition, setCondition] = useState<RemoteCareCondition | null>(null);
  const specialty = specialtyOf(walkIn.service.specialty);

  if (!person) {
    return (
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('book.step.person')}
        </Title>
        <PersonPicker people={profile.people} onPick={setPerson} />
      </Stack>
    );
  }
  if (!condition) {
    return (
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('book.step.condition')}
        </Title>
        <Text size="sm">{t('book.for', { name: person.fullName })}</Text>
        <ConditionPicker specialty={specialty} onPick={setCondition} />
        <Button variant="subtle" size="md" w="fit-content" onClick={() => setPerson(null)}>
          {t('common.back')}
        </Button>
      </Stack>
    );
  }
  return <TicketForm walkIn={walkIn} person={person} condition={condition} onBack={() => setCondition(null)} />;
}

function TicketForm({
  walkIn,
  person,
  condition,
  onBack,
}: {
  walkIn: WalkIn;
  person: AccountPerson;
  condition: RemoteCareCondition;
  onBack: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [formRef, form] = useFormProblems((f) => f === 'reason');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setRefusal(null);
    if (reason.trim().length < 3) return form.showLocal({ reason: { key: 'book.reason.required' } });
    setBusy(true);
    try {
      const ticket = await walkInApi.take(walkIn.id, { patientId: person.patientId, conditionNo: condition.no, reason: reason.trim() });
      navigate(`/patient/walk-in/${encodeURIComponent(walkIn.id)}/tickets/${encodeURIComponent(ticket.visitId)}`);
    } catch (error) {
      const refused = refusalOf(error, 'book');
      if (refused) setRefusal(refused);
      else form.showError(error);
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('book.step.confirm')}
        </Title>
        <Text size="sm">
          {t('book.for', { name: person.fullName })} · {condition.name}
        </Text>
        <Text size="sm" c="dimmed">
          {t('walkin.expectedWait', { minutes: walkIn.expectedWaitMinutes })} · {t('walkin.waiting', { count: walkIn.waiting })}
        </Text>
        {refusal && <RefusalAlert refusal={refusal} testId="book-refused" />}
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
          maxLength={2000}
          withAsterisk
          size="md"
          data-testid="book-reason"
        />
        <Button type="submit" size="lg" fullWidth loading={busy} data-testid="walkin-confirm">
          {t('walkin.confirm')}
        </Button>
        <Button variant="subtle" size="md" w="fit-content" onClick={onBack}>
          {t('common.back')}
        </Button>
      </Stack>
    </form>
  );
}
