import { Button, Checkbox, Fieldset, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { AVAILABILITY, LOCALES, PROFESSIONS } from '@vuonxa/core';
import type { Locale, Practitioner, PractitionerInput, SpecialtyCode } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { isSpecialty, registryOptions, specialtyOptions } from '../registry/labels';
import { MembershipsEditor } from './MembershipsEditor';
import type { MembershipRow } from './MembershipsEditor';

type Profession = (typeof PROFESSIONS)[number];
type Availability = (typeof AVAILABILITY)[number];
type TextField = 'fullName' | 'licenceNumber' | 'scopeOfPractice' | 'email' | 'phone';

const FIELDS = ['fullName', 'licenceNumber', 'profession', 'scopeOfPractice', 'specialties', 'languages', 'email', 'phone', 'availability'];
const shown = (f: string) => FIELDS.includes(f) || /^memberships(\.\d+\.(facilityId|position))?$/.test(f);

interface Props {
  practitioner?: Practitioner;
  /** Facility to start the first membership with (the active one) when adding. */
  defaultFacility?: { id: string; name: string };
  onSave: (input: PractitionerInput) => Promise<void>;
  onCancel: () => void;
}

/** Adds or edits a practitioner of the directory with where they work (memberships). */
export function PractitionerForm({ practitioner: p, defaultFacility, onSave, onCancel }: Props) {
  const t = useT();
  const options = registryOptions(t);
  const [values, setValues] = useState({
    fullName: p?.fullName ?? '',
    licenceNumber: p?.licenceNumber ?? '',
    scopeOfPractice: p?.scopeOfPractice ?? '',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
  });
  const [profession, setProfession] = useState<Profession>(p?.profession ?? 'doctor');
  const [availability, setAvailability] = useState<Availability>(p?.availability ?? 'available');
  const [specialties, setSpecialties] = useState<SpecialtyCode[]>(p?.specialties ?? []);
  const [languages, setLanguages] = useState<Locale[]>(p?.languages ?? ['vi']);
  const [rows, setRows] = useState<MembershipRow[]>(() =>
    p
      ? p.memberships.map((m, i) => ({ key: i, facilityId: m.facilityId, facilityName: m.facilityName, position: m.position }))
      : [{ key: 0, facilityId: defaultFacility?.id ?? '', facilityName: defaultFacility?.name ?? '', position: '' }],
  );
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems(shown);

  const text = (field: TextField) => ({
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [field]: value }));
      form.clear(field);
    },
    error: form.err(field),
  });

  function check(): Record<string, Problem> {
    const found: Record<string, Problem> = {};
    if (values.fullName.trim().length < 2) found['fullName'] = { key: 'form.required' };
    if (!/^[A-Za-z0-9/.-]{4,40}$/.test(values.licenceNumber.trim())) found['licenceNumber'] = { key: 'practitioner.form.licenceFormat' };
    if (values.scopeOfPractice.trim().length < 3) found['scopeOfPractice'] = { key: 'form.required' };
    if (languages.length === 0) found['languages'] = { key: 'practitioner.form.languageRequired' };
    rows.forEach((r, i) => {
      if (!r.facilityId) found[`memberships.${i}.facilityId`] = { key: 'form.required' };
      if (r.position.trim().length < 2) found[`memberships.${i}.position`] = { key: 'form.required' };
    });
    return found;
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = check();
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      await onSave({
        fullName: values.fullName.trim(),
        licenceNumber: values.licenceNumber.trim().toUpperCase(),
        profession,
        scopeOfPractice: values.scopeOfPractice.trim(),
        specialties,
        languages,
        email: values.email.trim() || null,
        phone: values.phone.trim() || null,
        availability,
        userId: p?.userId ?? null,
        memberships: rows.map((r) => ({ facilityId: r.facilityId, position: r.position.trim() })),
      });
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="practitioner-form">
      <Stack gap="md">
        <FormAlert problem={form.formProblem} />
        <Fieldset legend={t('practitioner.form.identity')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('practitioner.fullName')} withAsterisk {...text('fullName')} data-testid="practitioner-name" />
            <TextInput
              label={t('practitioner.licence')}
              description={t('practitioner.form.licenceHint')}
              withAsterisk
              {...text('licenceNumber')}
            />
            <NativeSelect
              label={t('practitioner.profession')}
              value={profession}
              onChange={(e) => setProfession(PROFESSIONS.find((x) => x === e.currentTarget.value) ?? 'other')}
              data={options.professions}
              error={form.err('profession')}
            />
            <NativeSelect
              label={t('practitioner.availability')}
              value={availability}
              onChange={(e) => setAvailability(AVAILABILITY.find((x) => x === e.currentTarget.value) ?? 'available')}
              data={options.availability}
              error={form.err('availability')}
            />
          </SimpleGrid>
          <Textarea mt="sm" label={t('practitioner.scope')} withAsterisk autosize minRows={2} {...text('scopeOfPractice')} />
          <MultiSelect
            mt="sm"
            label={t('practitioner.specialties')}
            data={specialtyOptions(t.locale)}
            value={specialties}
            onChange={(v) => setSpecialties(v.filter(isSpecialty))}
            searchable
            clearable
            error={form.err('specialties')}
            comboboxProps={{ withinPortal: true }}
          />
          <Checkbox.Group
            mt="sm"
            label={t('practitioner.languages')}
            value={languages}
            onChange={(v) => {
              setLanguages(LOCALES.filter((l) => v.includes(l)));
              form.clear('languages');
            }}
            error={form.err('languages')}
            withAsterisk
          >
            <Group mt={6}>
              {options.languages.map((o) => (
                <Checkbox key={o.value} value={o.value} label={<span lang={o.value}>{o.label}</span>} />
              ))}
            </Group>
          </Checkbox.Group>
        </Fieldset>
        <Fieldset legend={t('practitioner.form.contact')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="email" label={t('practitioner.email')} {...text('email')} />
            <TextInput type="tel" label={t('practitioner.phone')} {...text('phone')} />
          </SimpleGrid>
        </Fieldset>
        <MembershipsEditor
          rows={rows}
          onChange={(next) => {
            setRows(next);
            form.clear('memberships');
          }}
          form={form}
        />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="practitioner-submit">
            {p ? t('common.save') : t('practitioner.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
