import { Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import type { VisitService } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import { isSpecialty, specialtyName, specialtyOptions } from '../registry/labels';
import { FeeText } from './FeeText';
import { scheduleApi } from './homecare.api';
import { EMPTY_SERVICE, SERVICE_FIELDS, checkService, serviceInputOf } from './service-form';
import type { ServiceValues } from './service-form';

/** The facility's home-care services with their length and fee; a facility administrator adds one. */
export function ServicesSection({
  facilityId,
  services,
  onAdded,
}: {
  facilityId: string;
  services: readonly VisitService[];
  onAdded: () => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [values, setValues] = useState<ServiceValues>(EMPTY_SERVICE);
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => SERVICE_FIELDS.includes(f));

  const change = (patch: Partial<ServiceValues>, field: string) => {
    setValues((v) => ({ ...v, ...patch }));
    form.clear(field);
  };

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = checkService(values);
    const input = serviceInputOf(values);
    if (Object.keys(found).length > 0 || !input) return form.showLocal(found);
    setBusy(true);
    try {
      const created = await scheduleApi.addService(facilityId, input);
      notify({ color: 'green', message: t('service.added', { name: created.name }) });
      setValues(EMPTY_SERVICE);
      onAdded();
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      {services.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="service-none">
          {t('service.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560} type="native">
          <Table striped data-testid="service-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('service.name')}</Table.Th>
                <Table.Th>{t('service.specialty')}</Table.Th>
                <Table.Th>{t('service.duration')}</Table.Th>
                <Table.Th>{t('service.fee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {services.map((s) => (
                <Table.Tr key={s.id} data-testid="service-item">
                  <Table.Td>
                    {s.name} {!s.active && <Badge color="gray">{t('service.inactive')}</Badge>}
                  </Table.Td>
                  <Table.Td>{specialtyName(s.specialty, t.locale)}</Table.Td>
                  <Table.Td>{t('ticket.waitMinutes', { minutes: s.durationMinutes })}</Table.Td>
                  <Table.Td>
                    <FeeText feeVnd={s.feeVnd} insuranceCovered={s.insuranceCovered} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Paper withBorder p="sm">
        <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="service-form">
          <Stack gap="sm">
            <Text fw={600} size="sm">
              {t('service.add')}
            </Text>
            <FormAlert problem={form.formProblem} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('service.name')}
                withAsterisk
                value={values.name}
                onChange={(e) => change({ name: e.currentTarget.value }, 'name')}
                error={form.err('name')}
                maxLength={200}
                data-testid="service-name"
              />
              <NativeSelect
                label={t('service.specialty')}
                withAsterisk
                value={values.specialty}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  change({ specialty: isSpecialty(v) ? v : '' }, 'specialty');
                }}
                data={[{ value: '', label: t('common.choose') }, ...specialtyOptions(t.locale)]}
                error={form.err('specialty')}
                data-testid="service-specialty"
              />
              <TextInput
                type="number"
                inputMode="numeric"
                label={t('service.duration')}
                withAsterisk
                min={5}
                max={120}
                value={values.durationMinutes}
                onChange={(e) => change({ durationMinutes: e.currentTarget.value }, 'durationMinutes')}
                error={form.err('durationMinutes')}
                data-testid="service-duration"
              />
              <TextInput
                inputMode="numeric"
                label={t('service.feeVnd')}
                description={t('service.feeHint')}
                withAsterisk
                value={values.feeVnd}
                onChange={(e) => change({ feeVnd: e.currentTarget.value }, 'feeVnd')}
                error={form.err('feeVnd')}
                data-testid="service-fee"
              />
            </SimpleGrid>
            <Group justify="space-between" gap="sm">
              <Checkbox
                label={t('service.insuranceCovered')}
                checked={values.insuranceCovered}
                onChange={(e) => change({ insuranceCovered: e.currentTarget.checked }, 'insuranceCovered')}
                data-testid="service-insurance"
              />
              <Button type="submit" loading={busy} data-testid="service-submit">
                {t('service.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
