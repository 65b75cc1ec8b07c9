import { Alert, Button, Checkbox, Input, SegmentedControl, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { RED_FLAGS } from '@vuonxa/core';
import type { VisitDetail } from '@vuonxa/core';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { DetailList } from '../../components/DetailList';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { formatDate, localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { ConsoleStepSection } from './ConsoleStep';
import type { RedFlag, VisitChannel } from './homecare.api';
import { careApi } from './homecare.api';
import { CareRefusalAlert } from './CareRefusalAlert';
import { careRefusalOf } from './care-refusal';
import type { CareRefusal } from './care-refusal';
import { checkSteps, patientAge, stepsInputOf, stepsValuesOf } from './visit-steps';
import type { ConsoleStep, StepView, StepsValues } from './visit-steps';

const FIELDS = new Set(['identityConfirmed', 'consentConfirmed', 'redFlags', 'emergencyAdvice', 'channel']);
const CHANNELS: readonly VisitChannel[] = ['video', 'audio', 'message'];

/**
 * Steps 2 and 3 of the visit, sent together (`PUT /api/visits/:id/steps`): the doctor confirms who the patient is
 * and their consent, then asks the red flags. Any red flag ends the visit as an emergency referral: the advice
 * given is required, and said so before saving.
 */
export function VisitStepsForm({
  visit: v,
  views,
  current,
  onSaved,
}: {
  visit: VisitDetail;
  views: Record<ConsoleStep, StepView>;
  current: ConsoleStep | null;
  onSaved: (v: VisitDetail) => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [values, setValues] = useState<StepsValues>(() => stepsValuesOf(v));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CareRefusal | null>(null);
  const [formRef, form] = useFormProblems((f) => FIELDS.has(f));
  const editable = views.identity.available;
  const emergency = values.redFlags.length > 0;
  const age = patientAge(v.patient.birthDate, localIsoDate());

  function set<K extends keyof StepsValues>(key: K, value: StepsValues[K]): void {
    setValues((prev) => ({ ...prev, [key]: value }));
    form.clear(key);
    if (key === 'redFlags') form.clear('emergencyAdvice');
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setRefusal(null);
    const found = checkSteps(values);
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      const saved = await careApi.steps(v.id, stepsInputOf(values));
      notify({
        color: saved.state === 'referred_emergency' ? 'red' : 'green',
        message: t(emergency ? 'care.triage.referred' : 'care.triage.saved'),
      });
      onSaved(saved);
    } catch (error) {
      const refused = careRefusalOf(error);
      if (refused) setRefusal(refused);
      else form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="visit-steps-form">
      <Stack gap="md">
        <ConsoleStepSection step="identity" number={2} view={views.identity} current={current === 'identity'}>
          <DetailList
            testId="visit-identity-patient"
            items={[
              { label: t('visit.patient'), value: v.patient.name },
              {
                label: t('care.identity.age'),
                value: age
                  ? 'years' in age
                    ? t('person.age', { age: age.years })
                    : t('care.identity.ageMonths', { months: age.months })
                  : null,
              },
              { label: t('care.identity.birthDate'), value: formatDate(v.patient.birthDate, t.locale) },
              { label: t('visit.reason'), value: v.reason, wide: true },
            ]}
          />
          <Text size="sm" c="dimmed">
            {t('care.identity.hint')}
          </Text>
          <ConfirmCheckbox
            label={t('care.identity.confirm')}
            checked={values.identityConfirmed}
            disabled={!editable}
            onChange={(checked) => set('identityConfirmed', checked)}
            error={form.err('identityConfirmed')}
            testId="visit-identity"
          />
          <ConfirmCheckbox
            label={t('care.consent.confirm')}
            description={t('care.consent.hint')}
            checked={values.consentConfirmed}
            disabled={!editable}
            onChange={(checked) => set('consentConfirmed', checked)}
            error={form.err('consentConfirmed')}
            testId="visit-consent"
          />
        </ConsoleStepSection>

        <ConsoleStepSection step="triage" number={3} view={views.triage} current={current === 'triage'}>
          <Checkbox.Group
            label={t('care.triage.redFlags')}
            description={t('care.triage.redFlagsHint')}
            value={values.redFlags}
            onChange={(list) =>
              set(
                'redFlags',
                RED_FLAGS.filter((f) => list.includes(f)),
              )
            }
            error={form.err('redFlags')}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
              {RED_FLAGS.map((flag: RedFlag) => (
                <Checkbox
                  key={flag}
                  value={flag}
                  label={t(`care.redFlag.${flag}`)}
                  disabled={!editable}
                  color="red"
                  data-testid={`visit-redflag-${flag}`}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {emergency && (
            <Alert color="red" variant="filled" role="alert" title={t('care.triage.warningTitle')} data-testid="visit-emergency-warning">
              {t('care.triage.warning')}
            </Alert>
          )}
          <Textarea
            label={t('care.triage.advice')}
            description={t('care.triage.adviceHint')}
            placeholder={t('care.triage.advicePlaceholder')}
            withAsterisk={emergency}
            value={values.emergencyAdvice}
            disabled={!editable}
            onChange={(e) => set('emergencyAdvice', e.currentTarget.value)}
            error={form.err('emergencyAdvice')}
            autosize
            minRows={2}
            maxLength={2_000}
            data-testid="visit-emergency-advice"
          />
          <Input.Wrapper label={t('care.triage.channel')} description={t('care.triage.channelHint')} error={form.err('channel')}>
            <SegmentedControl
              mt={4}
              fullWidth
              value={values.channel}
              disabled={!editable}
              onChange={(c) => set('channel', CHANNELS.find((x) => x === c) ?? 'video')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`care.channel.${c}`) }))}
              data-testid="visit-channel"
            />
          </Input.Wrapper>
          <FormAlert problem={form.formProblem} />
          {refusal && <CareRefusalAlert refusal={refusal} testId="visit-steps-refused" />}
          <Button
            type="submit"
            size="md"
            color={emergency ? 'red' : undefined}
            loading={busy}
            disabled={!editable}
            w="fit-content"
            data-testid="visit-steps-save"
          >
            {emergency ? t('care.triage.saveEmergency') : t('care.triage.save')}
          </Button>
        </ConsoleStepSection>
      </Stack>
    </form>
  );
}

/** A confirmation tick whose error is said under it and bound to it (`aria-describedby`, `aria-invalid`). */
function ConfirmCheckbox({
  label,
  description,
  checked,
  disabled,
  onChange,
  error,
  testId,
}: {
  label: string;
  description?: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
  error: string | undefined;
  testId: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <Stack gap={4}>
      <Checkbox
        id={id}
        label={label}
        description={description}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)}
        error={!!error}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-testid={testId}
      />
      {error && <Input.Error id={errorId}>{error}</Input.Error>}
    </Stack>
  );
}
