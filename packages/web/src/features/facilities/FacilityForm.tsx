import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { FACILITY_TYPES, TECHNICAL_LEVELS } from '@vuonxa/core';
import type { FacilityDetail, FacilityInput } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useT } from '../../i18n/use-t';
import { isSpecialty, registryOptions, specialtyOptions } from '../registry/labels';
import { EMPTY_FACILITY, checkFacility, facilityInputOf, valuesOf } from './facility-form';
import type { FacilityValues } from './facility-form';
import { FacilityLocationFields } from './FacilityLocationFields';

// The server's field names (`details.issues[].field`) the form shows, each under its own input.
const FIELDS = new Set([
  ...['code', 'name', 'nameEn', 'nameLo', 'nameKm', 'type', 'technicalLevel', 'technicalScore', 'country'],
  ...['provinceCode', 'provinceText', 'communeCode', 'address', 'latitude', 'longitude', 'specialties'],
  ...['contactPhone', 'contactEmail', 'eligibility', 'eligibility.declaredAt', 'eligibility.scope', 'active'],
]);

type TextField = 'code' | 'name' | 'nameEn' | 'nameLo' | 'nameKm' | 'contactPhone' | 'contactEmail' | 'eligibilityDeclaredAt';
const SERVER_NAME: Partial<Record<TextField, string>> = { eligibilityDeclaredAt: 'eligibility.declaredAt' };

interface Props {
  facility?: FacilityDetail;
  onSave: (input: FacilityInput) => Promise<void>;
  onCancel: () => void;
}

/** Creates or edits a facility; every problem the server names lands under its field. */
export function FacilityForm({ facility, onSave, onCancel }: Props) {
  const t = useT();
  const options = registryOptions(t);
  const [values, setValues] = useState<FacilityValues>(() => (facility ? valuesOf(facility) : EMPTY_FACILITY));
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => FIELDS.has(f));

  const change = (patch: Partial<FacilityValues>, ...fields: string[]) => {
    setValues((v) => ({ ...v, ...patch }));
    for (const f of fields) form.clear(f);
  };
  const text = (field: TextField) => {
    const server = SERVER_NAME[field] ?? field;
    return {
      value: values[field],
      onChange: (e: { currentTarget: { value: string } }) => change({ [field]: e.currentTarget.value }, server),
      error: form.err(server),
    };
  };

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = checkFacility(values);
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      await onSave(facilityInputOf(values));
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="facility-form">
      <Stack gap="md">
        <FormAlert problem={form.formProblem} />
        <Fieldset legend={t('facility.form.identity')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('facility.code')}
              description={t('facility.form.codeHint')}
              withAsterisk
              {...text('code')}
              data-testid="facility-code"
            />
            <TextInput label={t('facility.name')} withAsterisk {...text('name')} data-testid="facility-name" />
            <TextInput label={t('facility.nameEn')} lang="en" {...text('nameEn')} />
            <TextInput label={t('facility.nameLo')} lang="lo" {...text('nameLo')} />
            <TextInput label={t('facility.nameKm')} lang="km" {...text('nameKm')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('facility.form.classification')}>
          <SimpleGrid type="container" cols={{ base: 1, '28rem': 2, '44rem': 3 }}>
            <NativeSelect
              label={t('facility.type')}
              withAsterisk
              value={values.type}
              onChange={(e) => change({ type: FACILITY_TYPES.find((x) => x === e.currentTarget.value) ?? '' }, 'type')}
              data={[{ value: '', label: t('common.choose'), disabled: true }, ...options.facilityTypes]}
              error={form.err('type')}
              data-testid="facility-type"
            />
            <NativeSelect
              label={t('facility.level')}
              value={values.technicalLevel}
              onChange={(e) =>
                change({ technicalLevel: TECHNICAL_LEVELS.find((x) => x === e.currentTarget.value) ?? '' }, 'technicalLevel')
              }
              data={[{ value: '', label: t('facility.form.noLevel') }, ...options.technicalLevels]}
              error={form.err('technicalLevel')}
            />
            <NumberInput
              label={t('facility.technicalScore')}
              min={0}
              max={100}
              value={values.technicalScore}
              onChange={(v) => change({ technicalScore: String(v) }, 'technicalScore')}
              error={form.err('technicalScore')}
            />
          </SimpleGrid>
          <MultiSelect
            mt="sm"
            label={t('facility.specialties')}
            data={specialtyOptions(t.locale)}
            value={values.specialties}
            onChange={(v) => change({ specialties: v.filter(isSpecialty) }, 'specialties')}
            searchable
            clearable
            error={form.err('specialties')}
            comboboxProps={{ withinPortal: true }}
          />
        </Fieldset>
        <Fieldset legend={t('facility.form.location')}>
          <FacilityLocationFields values={values} change={change} form={form} />
        </Fieldset>
        <Fieldset legend={t('facility.form.contact')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="tel" label={t('facility.phone')} {...text('contactPhone')} />
            <TextInput type="email" label={t('facility.email')} {...text('contactEmail')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('facility.eligibility')}>
          <Stack gap="sm">
            <Checkbox
              label={t('facility.form.eligible')}
              description={t('facility.form.eligibleHint')}
              checked={values.eligible}
              onChange={(e) => change({ eligible: e.currentTarget.checked }, 'eligibility', 'eligibility.declaredAt', 'eligibility.scope')}
              error={form.err('eligibility')}
            />
            {values.eligible && (
              <>
                <TextInput type="date" label={t('facility.form.declaredAt')} withAsterisk maw={260} {...text('eligibilityDeclaredAt')} />
                <Textarea
                  label={t('facility.form.scope')}
                  withAsterisk
                  autosize
                  minRows={2}
                  value={values.eligibilityScope}
                  onChange={(e) => change({ eligibilityScope: e.currentTarget.value }, 'eligibility.scope')}
                  error={form.err('eligibility.scope')}
                />
              </>
            )}
          </Stack>
        </Fieldset>
        <Checkbox
          label={t('facility.form.active')}
          checked={values.active}
          onChange={(e) => change({ active: e.currentTarget.checked }, 'active')}
          error={form.err('active')}
        />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="facility-submit">
            {facility ? t('common.save') : t('facility.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
