import { Alert, Button, Fieldset, Group, Radio, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { SEXES } from '@vuonxa/core';
import type { PatientInput } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { CommuneSelect } from '../geo/CommuneSelect';
import { ProvinceSelect } from '../geo/ProvinceSelect';
import { PATIENT_FIELDS, checkPatient, patientInputOf } from './patient-form';
import type { PatientValues } from './patient-form';

const shown = (field: string) => (PATIENT_FIELDS as readonly string[]).includes(field);
type TextField = 'fullName' | 'birthDate' | 'citizenId' | 'insuranceNumber' | 'address' | 'phone' | 'contactNote';

interface Props {
  initial: PatientValues;
  onSave: (input: PatientInput) => Promise<void>;
  onCancel: () => void;
  submitLabel: string;
  /** Offered when the server says this facility already has the person (409 with `details.patientId`). */
  onOpenExisting?: (patientId: string) => void;
}

/**
 * Registers or corrects a patient (`patientInputSchema`). The citizen ID (CCCD) and the insurance number find
 * the person's existing record; a duplicate at this facility is named on its field with a way to open it.
 */
export function PatientForm({ initial, onSave, onCancel, submitLabel, onOpenExisting }: Props) {
  const t = useT();
  const [values, setValues] = useState<PatientValues>(initial);
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<string | null>(null);
  const [formRef, form] = useFormProblems(shown);

  const change = (patch: Partial<PatientValues>, ...fields: string[]) => {
    setValues((v) => ({ ...v, ...patch }));
    for (const f of fields) form.clear(f);
  };
  const text = (field: TextField) => ({
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => change({ [field]: e.currentTarget.value }, field),
    error: form.err(field),
  });

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    event.stopPropagation();
    setExisting(null);
    const found = checkPatient(values, localIsoDate());
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      await onSave(patientInputOf(values));
    } catch (error) {
      const patientId = error instanceof ApiError && error.code === 'CONFLICT' ? error.detail('patientId') : undefined;
      if (typeof patientId === 'string') {
        const field = error instanceof ApiError ? error.detail('field') : undefined;
        setExisting(patientId);
        form.showLocal({ [typeof field === 'string' && shown(field) ? field : 'citizenId']: { key: 'patient.form.duplicate' } });
      } else if (error instanceof ApiError && error.code === 'CONFLICT' && error.issues.length > 0) {
        // Two registrations of the same person at the same moment: the field is named, not the record.
        const field = error.issues[0]?.field ?? 'citizenId';
        form.showLocal({ [shown(field) ? field : 'citizenId']: { key: 'patient.form.duplicate' } });
      } else form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="patient-form">
      <Stack gap="md">
        <FormAlert problem={form.formProblem} />
        {existing && (
          <Alert color="yellow" role="alert" data-testid="patient-existing">
            <Group justify="space-between" gap="xs">
              <span>{t('patient.form.existing')}</span>
              {onOpenExisting && (
                <Button size="xs" variant="white" color="yellow.9" onClick={() => onOpenExisting(existing)}>
                  {t('patient.form.openExisting')}
                </Button>
              )}
            </Group>
          </Alert>
        )}
        <Fieldset legend={t('patient.form.identity')}>
          <SimpleGrid type="container" cols={{ base: 1, '36rem': 2 }}>
            <TextInput label={t('patient.fullName')} withAsterisk autoComplete="off" {...text('fullName')} data-testid="patient-name" />
            <TextInput
              type="date"
              label={t('patient.birthDate')}
              withAsterisk
              max={localIsoDate()}
              {...text('birthDate')}
              data-testid="patient-birth-date"
            />
            <Radio.Group
              label={t('patient.sex')}
              withAsterisk
              value={values.sex}
              onChange={(v) => change({ sex: SEXES.find((s) => s === v) ?? '' }, 'sex')}
              error={form.err('sex')}
            >
              <Group mt={6} gap="md">
                {SEXES.map((s) => (
                  <Radio key={s} value={s} label={t(`patient.sex.${s}`)} aria-invalid={form.err('sex') ? true : undefined} />
                ))}
              </Group>
            </Radio.Group>
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('patient.form.identifiers')}>
          <SimpleGrid type="container" cols={{ base: 1, '36rem': 2 }}>
            <TextInput
              label={t('patient.citizenId')}
              description={t('patient.form.citizenIdHint')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              {...text('citizenId')}
              data-testid="patient-citizen-id"
            />
            <TextInput
              label={t('patient.insuranceNumber')}
              description={t('patient.form.insuranceHint')}
              autoComplete="off"
              maxLength={20}
              {...text('insuranceNumber')}
              data-testid="patient-insurance"
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('patient.form.contact')}>
          <SimpleGrid type="container" cols={{ base: 1, '36rem': 2 }}>
            <ProvinceSelect
              label={t('facility.province')}
              value={values.provinceCode}
              anyLabel={t('patient.form.notGiven')}
              onChange={(provinceCode) => change({ provinceCode, communeCode: '' }, 'provinceCode', 'communeCode')}
              error={form.err('provinceCode')}
            />
            <CommuneSelect
              provinceCode={values.provinceCode}
              value={values.communeCode}
              onChange={(communeCode) => change({ communeCode }, 'communeCode')}
              error={form.err('communeCode')}
            />
            <TextInput label={t('patient.address')} {...text('address')} />
            <TextInput type="tel" label={t('patient.phone')} autoComplete="off" {...text('phone')} />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('patient.contactNote')}
            description={t('patient.form.contactNoteHint')}
            autosize
            minRows={2}
            maxLength={300}
            {...text('contactNote')}
          />
        </Fieldset>
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="patient-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
