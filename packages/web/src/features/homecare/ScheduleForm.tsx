import { Alert, Button, Chip, Group, Input, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { VisitService } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { formatDate } from '../../i18n/format';
import { INTL_LOCALES } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { scheduleApi } from './homecare.api';
import { SCHEDULE_FIELDS, WEEKDAYS, checkSchedule, defaultSchedule, scheduleInputOf, weekdayName } from './schedule-form';
import type { ScheduleValues } from './schedule-form';

const shown = (field: string) => (SCHEDULE_FIELDS as readonly string[]).includes(field) || /^weekdays\.\d+$/.test(field);
type TextField = 'from' | 'to' | 'startTime' | 'endTime' | 'slotMinutes' | 'bufferMinutes' | 'maxPerDay' | 'cancelCutoffHours';

interface Props {
  facilityId: string;
  services: readonly VisitService[];
  /** Whose hours may be published: the doctor themself, or everyone at the facility for its administrator. */
  practitioners: readonly { id: string; name: string }[];
  defaultPractitionerId: string;
  onPublished: () => void;
}

/**
 * Publishes visit hours (`scheduleInputSchema`): the days, weekdays and times, slot length (the service's by
 * default), the pause between slots, a daily maximum and the patient's cut-off to cancel or move.
 */
export function ScheduleForm({ facilityId, services, practitioners, defaultPractitionerId, onPublished }: Props) {
  const t = useT();
  const [values, setValues] = useState<ScheduleValues>(() => ({
    ...defaultSchedule(),
    practitionerId: defaultPractitionerId,
    serviceId: services.find((s) => s.active)?.id ?? '',
  }));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ slots: number; skippedHolidays: string[] } | null>(null);
  const [formRef, form] = useFormProblems(shown);
  const intl = INTL_LOCALES[t.locale];
  const service = services.find((s) => s.id === values.serviceId);

  const change = (patch: Partial<ScheduleValues>, field: string) => {
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
    setResult(null);
    const found = checkSchedule(values);
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      const res = await scheduleApi.publish(scheduleInputOf(values, facilityId));
      setResult({ slots: res.slots, skippedHolidays: res.skippedHolidays });
      onPublished();
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="schedule-form">
      <Stack gap="sm">
        <FormAlert problem={form.formProblem} />
        {result && (
          <Alert color="teal" role="status" data-testid="schedule-result" data-slots={result.slots}>
            <Text size="sm">{t('schedule.published', { count: result.slots })}</Text>
            {result.skippedHolidays.length > 0 && (
              <Text size="sm">
                {t('schedule.skippedHolidays', { days: result.skippedHolidays.map((d) => formatDate(d, t.locale)).join(', ') })}
              </Text>
            )}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('schedule.practitioner')}
            withAsterisk
            value={values.practitionerId}
            onChange={(e) => change({ practitionerId: e.currentTarget.value }, 'practitionerId')}
            data={[{ value: '', label: t('common.choose') }, ...practitioners.map((p) => ({ value: p.id, label: p.name }))]}
            error={form.err('practitionerId')}
            data-testid="schedule-practitioner"
          />
          <NativeSelect
            label={t('schedule.service')}
            withAsterisk
            value={values.serviceId}
            onChange={(e) => change({ serviceId: e.currentTarget.value }, 'serviceId')}
            data={[
              { value: '', label: t('common.choose') },
              ...services
                .filter((s) => s.active)
                .map((s) => ({ value: s.id, label: t('schedule.serviceOption', { name: s.name, minutes: s.durationMinutes }) })),
            ]}
            error={form.err('serviceId')}
            data-testid="schedule-service"
          />
          <TextInput type="date" label={t('schedule.from')} withAsterisk {...text('from')} data-testid="schedule-from" />
          <TextInput type="date" label={t('schedule.to')} withAsterisk min={values.from} {...text('to')} data-testid="schedule-to" />
        </SimpleGrid>
        <Input.Wrapper label={t('schedule.weekdays')} withAsterisk error={form.err('weekdays')}>
          <Chip.Group
            multiple
            value={values.weekdays.map(String)}
            onChange={(v) => change({ weekdays: v.map(Number).filter((n) => WEEKDAYS.some((w) => w === n)) }, 'weekdays')}
          >
            <Group gap={6} mt={6}>
              {WEEKDAYS.map((d) => (
                <Chip key={d} value={String(d)} size="md" data-testid={`schedule-weekday-${d}`} aria-label={weekdayName(d, intl, 'long')}>
                  {weekdayName(d, intl, 'short')}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Input.Wrapper>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <TextInput type="time" label={t('schedule.startTime')} withAsterisk {...text('startTime')} data-testid="schedule-start" />
          <TextInput type="time" label={t('schedule.endTime')} withAsterisk {...text('endTime')} data-testid="schedule-end" />
          <TextInput
            type="number"
            inputMode="numeric"
            label={t('schedule.slotMinutes')}
            placeholder={service ? String(service.durationMinutes) : undefined}
            min={5}
            max={120}
            {...text('slotMinutes')}
            data-testid="schedule-slot"
          />
          <TextInput
            type="number"
            inputMode="numeric"
            label={t('schedule.bufferMinutes')}
            min={0}
            max={60}
            {...text('bufferMinutes')}
            data-testid="schedule-buffer"
          />
          <TextInput
            type="number"
            inputMode="numeric"
            label={t('schedule.maxPerDay')}
            min={1}
            max={100}
            {...text('maxPerDay')}
            data-testid="schedule-max"
          />
          <TextInput
            type="number"
            inputMode="numeric"
            label={t('schedule.cancelCutoffHours')}
            min={0}
            max={168}
            {...text('cancelCutoffHours')}
            data-testid="schedule-cutoff"
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('schedule.hint')}
        </Text>
        <Button type="submit" loading={busy} w="fit-content" data-testid="schedule-submit">
          {t('schedule.submit')}
        </Button>
      </Stack>
    </form>
  );
}
