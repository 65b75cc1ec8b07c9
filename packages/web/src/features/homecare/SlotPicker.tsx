import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Slot, SpecialtyCode } from '@vuonxa/core';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { FeeText } from './FeeText';
import { CardSkeletons } from './PhonePage';
import { distinctById, formatDayHeading, formatTime, groupByDay, groupByOffer } from './homecare-logic';
import { referenceApi } from './homecare.api';
import { specialtyName } from '../registry/labels';

/** Days of slots asked at a time: two weeks is a small answer on a slow link; "later days" asks for more. */
const WINDOW_DAYS = 14;
const MAX_DAYS = 92;

interface Props {
  /** Which slots: of one service or doctor, or of a specialty (a booking for a condition). */
  filter: { serviceId?: string; practitionerId?: string; specialty?: SpecialtyCode | null };
  onPick: (slot: Slot) => void;
  /** A slot not to offer (the one a visit already has, when moving it). */
  excludeSlotId?: string;
  /** Shown when no slot is free, e.g. a link to the walk-in clinic. */
  emptyExtra?: ReactNode;
}

/**
 * Free visit times by day, then by doctor and service, as big buttons (`book-slot-<slotId>`); filters by service
 * and doctor appear only when the loaded slots have several.
 */
export function SlotPicker({ filter, onPick, excludeSlotId, emptyExtra }: Props) {
  const t = useT();
  const [from] = useState(() => new Date());
  const [days, setDays] = useState(WINDOW_DAYS);
  const [nonce, setNonce] = useState(0);
  const [allSpecialties, setAllSpecialties] = useState(false);
  const to = useMemo(() => new Date(from.getTime() + days * 86_400_000), [from, days]);
  const specialty = filter.specialty && !allSpecialties ? filter.specialty : undefined;
  const base = { serviceId: filter.serviceId, practitionerId: filter.practitionerId, from: from.toISOString(), to: to.toISOString() };
  // The condition's specialty first; with no free time there, every specialty (the server refuses a doctor whose
  // scope of practice does not cover the condition, and says so).
  const slots = useQuery(`slots:${JSON.stringify(base)}:${specialty ?? ''}:${nonce}`, async (signal) => {
    const first = await referenceApi.slots({ ...base, specialty }, signal);
    if (first.length > 0 || !specialty) return { slots: first, widened: false };
    return { slots: await referenceApi.slots(base, signal), widened: true };
  });
  const specialtyLabel = filter.specialty ? specialtyName(filter.specialty, t.locale) : '';

  return (
    <QueryState query={slots} skeleton={<CardSkeletons count={3} height={96} />}>
      {(answer) => (
        <Stack gap="sm">
          {filter.specialty &&
            (answer.widened || allSpecialties ? (
              <Alert color="blue" data-testid="book-slots-widened">
                <Text size="sm">
                  {answer.widened
                    ? t('book.slot.widened', { specialty: specialtyLabel })
                    : t('book.slot.widenedManual', { specialty: specialtyLabel })}
                </Text>
              </Alert>
            ) : (
              <Group justify="space-between" gap="xs">
                <Text size="sm" c="dimmed">
                  {t('book.slot.specialtyOnly', { specialty: specialtyLabel })}
                </Text>
                <Button variant="subtle" size="sm" onClick={() => setAllSpecialties(true)} data-testid="book-slots-all">
                  {t('book.slot.allSpecialties')}
                </Button>
              </Group>
            ))}
          <SlotList
            slots={answer.slots.filter((s) => s.id !== excludeSlotId)}
            days={days}
            onPick={onPick}
            onMore={days < MAX_DAYS ? () => setDays((d) => Math.min(MAX_DAYS, d + WINDOW_DAYS)) : undefined}
            onReload={() => setNonce((n) => n + 1)}
            reloading={slots.loading}
            emptyExtra={emptyExtra}
          />
        </Stack>
      )}
    </QueryState>
  );
}

function SlotList({
  slots,
  days,
  onPick,
  onMore,
  onReload,
  reloading,
  emptyExtra,
}: {
  slots: Slot[];
  days: number;
  onPick: (slot: Slot) => void;
  onMore?: () => void;
  onReload: () => void;
  reloading: boolean;
  emptyExtra?: ReactNode;
}) {
  const t = useT();
  const [serviceId, setServiceId] = useState('');
  const [practitionerId, setPractitionerId] = useState('');
  const services = useMemo(() => distinctById(slots.map((s) => s.service)), [slots]);
  const doctors = useMemo(() => distinctById(slots.map((s) => s.practitioner)), [slots]);
  const shown = slots.filter(
    (s) => (!serviceId || s.service.id === serviceId) && (!practitionerId || s.practitioner.id === practitionerId),
  );
  const byDay = groupByDay(shown);

  return (
    <Stack gap="md" aria-busy={reloading}>
      {(services.length > 1 || doctors.length > 1) && (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {services.length > 1 && (
            <NativeSelect
              label={t('book.slot.service')}
              value={serviceId}
              onChange={(e) => setServiceId(e.currentTarget.value)}
              data={[{ value: '', label: t('filter.any') }, ...services.map((s) => ({ value: s.id, label: s.name }))]}
              size="md"
              data-testid="book-filter-service"
            />
          )}
          {doctors.length > 1 && (
            <NativeSelect
              label={t('book.slot.doctor')}
              value={practitionerId}
              onChange={(e) => setPractitionerId(e.currentTarget.value)}
              data={[{ value: '', label: t('filter.any') }, ...doctors.map((d) => ({ value: d.id, label: d.name }))]}
              size="md"
              data-testid="book-filter-doctor"
            />
          )}
        </SimpleGrid>
      )}
      {byDay.length === 0 ? (
        <Alert color="yellow" data-testid="book-slots-none">
          <Stack gap="xs">
            <Text size="sm">{t('book.slot.none', { days })}</Text>
            {emptyExtra}
          </Stack>
        </Alert>
      ) : (
        byDay.map((day) => (
          <Stack key={day.day} gap="xs" component="section" aria-labelledby={`slot-day-${day.day}`}>
            <Title order={3} size="h4" id={`slot-day-${day.day}`} tt="capitalize">
              {formatDayHeading(day.day, t.locale)}
            </Title>
            {groupByOffer(day.items).map((offer) => {
              const first = offer.slots[0];
              return (
                <Paper key={offer.key} withBorder p="sm">
                  <Stack gap={6}>
                    <Group justify="space-between" gap="xs" wrap="wrap">
                      <Stack gap={0} miw={0}>
                        <Text fw={600} size="sm">
                          {offer.practitioner.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {offer.service.name}
                          {first && ` · ${first.facility.name}`}
                        </Text>
                      </Stack>
                      {first && <FeeText feeVnd={first.service.feeVnd} insuranceCovered={first.service.insuranceCovered} />}
                    </Group>
                    <SimpleGrid cols={{ base: 3, xs: 4 }} spacing={8}>
                      {offer.slots.map((slot) => (
                        <Button
                          key={slot.id}
                          variant="light"
                          size="md"
                          h={48}
                          px={4}
                          onClick={() => onPick(slot)}
                          data-testid={`book-slot-${slot.id}`}
                          aria-label={t('book.slot.pick', {
                            time: formatDateTime(slot.startsAt, t.locale),
                            doctor: slot.practitioner.name,
                          })}
                        >
                          {formatTime(slot.startsAt, t.locale)}
                        </Button>
                      ))}
                    </SimpleGrid>
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        ))
      )}
      <Group justify="space-between" gap="xs">
        <Button variant="subtle" onClick={onReload} loading={reloading} data-testid="book-slots-reload">
          {t('book.slot.reload')}
        </Button>
        {onMore && (
          <Button variant="light" onClick={onMore} data-testid="book-slots-more">
            {t('book.slot.more')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
