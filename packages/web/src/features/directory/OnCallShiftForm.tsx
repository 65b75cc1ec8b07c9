import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { Practitioner } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import { isSpecialty, specialtyName } from '../registry/labels';
import { practitionersApi } from './practitioners.api';

const FIELDS = new Set(['facilityId', 'specialty', 'startsAt', 'endsAt']);

/** `datetime-local` value for a date, in the device's time zone. */
function localInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

interface Props {
  practitioner: Practitioner;
  facilities: Practitioner['memberships'];
  onCancel: () => void;
  onAdded: () => void;
}

/** Puts a practitioner on call for a specialty at one of their facilities, from now for 12 hours by default. */
export function OnCallShiftForm({ practitioner: p, facilities, onCancel, onAdded }: Props) {
  const t = useT();
  const notify = useNotice();
  const specialties = p.specialties;
  const [facilityId, setFacilityId] = useState(facilities[0]?.facilityId ?? '');
  const [specialty, setSpecialty] = useState<string>(specialties[0] ?? '');
  const [startsAt, setStartsAt] = useState(() => localInput(new Date()));
  const [endsAt, setEndsAt] = useState(() => localInput(new Date(Date.now() + 12 * 3600_000)));
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => FIELDS.has(f));

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const start = new Date(startsAt);
    const end = new Date(endsAt);
    if (Number.isNaN(start.getTime())) return form.showLocal({ startsAt: { key: 'form.required' } });
    if (Number.isNaN(end.getTime()) || end <= start) return form.showLocal({ endsAt: { key: 'oncall.form.endAfterStart' } });
    if (!isSpecialty(specialty)) return form.showLocal({ specialty: { key: 'form.required' } });
    setBusy(true);
    try {
      await practitionersApi.createShift({
        practitionerId: p.id,
        facilityId,
        specialty,
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
      });
      notify({ color: 'green', message: t('oncall.added') });
      onAdded();
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
      <Stack>
        <FormAlert problem={form.formProblem} />
        <NativeSelect
          label={t('practitioner.facility')}
          value={facilityId}
          onChange={(e) => setFacilityId(e.currentTarget.value)}
          data={facilities.map((m) => ({ value: m.facilityId, label: m.facilityName }))}
          error={form.err('facilityId')}
        />
        <NativeSelect
          label={t('practitioner.specialty')}
          value={specialty}
          onChange={(e) => setSpecialty(e.currentTarget.value)}
          data={specialties.map((s) => ({ value: s, label: specialtyName(s, t.locale) }))}
          error={form.err('specialty')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            type="datetime-local"
            label={t('oncall.startsAt')}
            value={startsAt}
            onChange={(e) => setStartsAt(e.currentTarget.value)}
            error={form.err('startsAt')}
          />
          <TextInput
            type="datetime-local"
            label={t('oncall.endsAt')}
            value={endsAt}
            onChange={(e) => setEndsAt(e.currentTarget.value)}
            error={form.err('endsAt')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="oncall-submit">
            {t('oncall.add.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
