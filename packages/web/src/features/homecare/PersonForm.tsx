import { Button, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { PersonInput } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import type { DependantRelation } from './homecare.api';
import { DEPENDANT_RELATIONS, PERSON_FIELDS, SEX_VALUES, checkPerson, isSex, personInputOf } from './person-form';
import type { PersonValues } from './person-form';

const shown = (field: string) => (PERSON_FIELDS as readonly string[]).includes(field);
type TextField = 'fullName' | 'birthDate' | 'citizenId' | 'insuranceNumber' | 'address';

interface Props {
  initial: PersonValues;
  /** `profile` for the account holder, `dependant` for a family member: the prefix of the fields' test ids. */
  testPrefix: 'profile' | 'dependant';
  /** Asks the relation to the account holder (a family member). */
  withRelation?: boolean;
  submitLabel: string;
  onSave: (input: PersonInput, relation: DependantRelation) => Promise<void>;
  onCancel?: () => void;
}

/**
 * A person's details (`personInputSchema`): name, date of birth and sex required; citizen ID, insurance number and
 * address optional. Server problems land on their field by name.
 */
export function PersonForm({ initial, testPrefix, withRelation = false, submitLabel, onSave, onCancel }: Props) {
  const t = useT();
  const [values, setValues] = useState<PersonValues>(initial);
  const [relation, setRelation] = useState<DependantRelation | ''>('');
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems(shown);

  const change = (patch: Partial<PersonValues>, field: string) => {
    setValues((v) => ({ ...v, ...patch }));
    form.clear(field);
  };
  const text = (field: TextField) => ({
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => change({ [field]: e.currentTarget.value }, field),
    error: form.err(field),
  });

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    event.stopPropagation();
    const found = checkPerson(values, localIsoDate());
    if (withRelation && relation === '') found['relation'] = { key: 'form.required' };
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      await onSave(personInputOf(values), relation === '' ? 'other' : relation);
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid={`${testPrefix}-form`}>
      <Stack gap="sm">
        <FormAlert problem={form.formProblem} />
        {withRelation && (
          <NativeSelect
            label={t('person.relation')}
            withAsterisk
            size="md"
            value={relation}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setRelation(DEPENDANT_RELATIONS.find((r) => r === v) ?? '');
              form.clear('relation');
            }}
            data={[{ value: '', label: t('common.choose') }, ...DEPENDANT_RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))]}
            error={form.err('relation')}
            data-testid={`${testPrefix}-relation`}
          />
        )}
        <TextInput
          label={t('patient.fullName')}
          withAsterisk
          size="md"
          autoComplete={testPrefix === 'profile' ? 'name' : 'off'}
          {...text('fullName')}
          data-testid={`${testPrefix}-fullname`}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            type="date"
            label={t('patient.birthDate')}
            withAsterisk
            size="md"
            max={localIsoDate()}
            {...text('birthDate')}
            data-testid={`${testPrefix}-birthdate`}
          />
          <NativeSelect
            label={t('patient.sex')}
            withAsterisk
            size="md"
            value={values.sex}
            onChange={(e) => {
              const v = e.currentTarget.value;
              change({ sex: isSex(v) ? v : '' }, 'sex');
            }}
            data={[{ value: '', label: t('common.choose') }, ...SEX_VALUES.map((s) => ({ value: s, label: t(`patient.sex.${s}`) }))]}
            error={form.err('sex')}
            data-testid={`${testPrefix}-sex`}
          />
        </SimpleGrid>
        <TextInput
          label={t('patient.citizenId')}
          description={t('person.citizenIdHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          size="md"
          {...text('citizenId')}
          data-testid={`${testPrefix}-citizenid`}
        />
        <TextInput
          label={t('patient.insuranceNumber')}
          description={t('patient.form.insuranceHint')}
          autoComplete="off"
          maxLength={20}
          size="md"
          {...text('insuranceNumber')}
          data-testid={`${testPrefix}-insurance`}
        />
        <TextInput
          label={t('patient.address')}
          autoComplete={testPrefix === 'profile' ? 'street-address' : 'off'}
          maxLength={300}
          size="md"
          {...text('address')}
          data-testid={`${testPrefix}-address`}
        />
        <SimpleGrid cols={onCancel ? 2 : 1} spacing="sm">
          {onCancel && (
            <Button variant="subtle" size="md" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" size="md" loading={busy} data-testid={`${testPrefix}-save`}>
            {submitLabel}
          </Button>
        </SimpleGrid>
      </Stack>
    </form>
  );
}
