import { NativeSelect, Text } from '@mantine/core';
import type { HubSuggestion, SpecialtyCode } from '@vuonxa/core';
import { useEffect } from 'react';
import { useQuery } from '../../api/use-query';
import { errorMessage } from '../../i18n/error-message';
import { formatNumber } from '../../i18n/format';
import type { Translator } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { consultRequestsApi } from './consult-requests.api';

interface Props {
  facilityId: string;
  specialty: SpecialtyCode | '';
  value: string;
  /** The saved hub's name, shown while suggestions load or when it is no longer among them. */
  valueName: string;
  onChange: (hubId: string, name: string) => void;
  error?: string;
  disabled?: boolean;
}

function hubLabel(t: Translator, h: HubSuggestion): string {
  const distance =
    h.distanceKm !== null ? t('hubs.distance', { km: formatNumber(Math.round(h.distanceKm), t.locale) }) : t('hubs.distanceUnknown');
  return `${h.facility.name} · ${distance} · ${t('hubs.onCall', { count: h.onCallCount })}`;
}

/**
 * The hub to ask, among those supporting the facility for the specialty (nearest first, with distance and how
 * many of its specialists are on call now). The nearest is chosen when nothing is; the person may change it.
 */
export function HubSelect({ facilityId, specialty, value, valueName, onChange, error, disabled }: Props) {
  const t = useT();
  const hubs = useQuery(`consult-hubs:${facilityId}:${specialty}`, (signal) =>
    specialty ? consultRequestsApi.hubs(facilityId, specialty, signal) : Promise.resolve<HubSuggestion[]>([]),
  );
  const items = hubs.loading ? [] : (hubs.data ?? []);
  const first = items[0];

  // Nothing chosen yet (a new request, or the specialty changed): take the nearest.
  useEffect(() => {
    if (!value && first && !disabled) onChange(first.facility.id, first.facility.name);
  }, [value, first, disabled, onChange]);

  const known = items.some((h) => h.facility.id === value);
  const data = [
    { value: '', label: specialty ? (hubs.loading ? t('common.loading') : t('common.choose')) : t('consult.form.specialtyFirst') },
    ...(value && !known ? [{ value, label: valueName || value }] : []),
    ...items.map((h) => ({ value: h.facility.id, label: hubLabel(t, h) })),
  ];
  const chosen = items.find((h) => h.facility.id === value);
  const description = !specialty
    ? t('consult.form.hubHint')
    : hubs.error !== undefined
      ? errorMessage(t, hubs.error)
      : !hubs.loading && items.length === 0
        ? t('hubs.none')
        : chosen && chosen === first
          ? t('consult.form.hubNearest')
          : t('consult.form.hubHint');
  return (
    <>
      <NativeSelect
        label={t('consult.targetHub')}
        withAsterisk
        description={description}
        value={value}
        onChange={(e) => {
          const id = e.currentTarget.value;
          const hub = items.find((h) => h.facility.id === id);
          onChange(id, hub?.facility.name ?? (id === value ? valueName : ''));
        }}
        data={data}
        error={error}
        disabled={disabled || !specialty}
        data-testid="consult-hub"
      />
      {chosen && chosen.onCallCount === 0 && (
        <Text size="xs" c="orange.9">
          {t('consult.form.hubNobodyOnCall')}
        </Text>
      )}
    </>
  );
}
