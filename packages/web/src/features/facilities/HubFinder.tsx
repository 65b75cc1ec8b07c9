import { Anchor, Badge, Group, NativeSelect, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { FacilityDetail, HubSuggestion, SpecialtyCode } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { directoryFiltersToSearch } from '../directory/practitioners.api';
import { isSpecialty, specialtyOptions } from '../registry/labels';
import { facilitiesApi } from './facilities.api';

/**
 * "Whom do we call?": for a specialty, the hubs that support this facility, nearest first, with how many
 * of their specialists are on call now and a link to them in the directory.
 */
export function HubFinder({ facility }: { facility: FacilityDetail }) {
  const t = useT();
  const [specialty, setSpecialty] = useState<SpecialtyCode | ''>('');
  return (
    <Stack component="section" gap="sm" aria-labelledby="facility-hubs">
      <Title order={2} size="h4" id="facility-hubs">
        {t('hubs.title')}
      </Title>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <NativeSelect
            label={t('hubs.specialty')}
            value={specialty}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setSpecialty(isSpecialty(v) ? v : '');
            }}
            data={[{ value: '', label: t('common.choose'), disabled: true }, ...specialtyOptions(t.locale)]}
            maw={420}
            data-testid="hub-specialty"
          />
          {specialty ? (
            <HubResults facilityId={facility.id} specialty={specialty} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('hubs.help')}
            </Text>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function HubResults({ facilityId, specialty }: { facilityId: string; specialty: SpecialtyCode }) {
  const t = useT();
  const hubs = useQuery(`hubs:${facilityId}:${specialty}`, (signal) => facilitiesApi.hubs(facilityId, specialty, signal));
  return (
    <div aria-live="polite" aria-busy={hubs.loading}>
      <QueryState query={hubs} skeleton={<Skeleton h={64} />}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="orange.9" data-testid="hub-none">
              {t('hubs.none')}
            </Text>
          ) : (
            <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
              {items.map((h) => (
                <HubRow key={h.facility.id} hub={h} specialty={specialty} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </div>
  );
}

function HubRow({ hub: h, specialty }: { hub: HubSuggestion; specialty: SpecialtyCode }) {
  const t = useT();
  const onCallHref = `/directory${directoryFiltersToSearch({ facilityId: h.facility.id, specialty, onCall: 'true' })}`;
  return (
    <Paper component="li" withBorder p="sm" radius="sm" data-testid="hub-result">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} miw={0} style={{ flex: '1 1 240px' }}>
          <Anchor component={Link} href={`/facilities/${encodeURIComponent(h.facility.id)}`} fw={600} size="sm">
            {h.facility.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {[t(`facilityType.${h.facility.type}`), h.facility.provinceName].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
        <Group gap="xs">
          <Badge variant="light" color="gray" tt="none">
            {h.distanceKm !== null
              ? t('hubs.distance', { km: formatNumber(Math.round(h.distanceKm), t.locale) })
              : t('hubs.distanceUnknown')}
          </Badge>
          <Badge variant={h.onCallCount > 0 ? 'filled' : 'light'} color={h.onCallCount > 0 ? 'green.8' : 'gray'} tt="none">
            {t('hubs.onCall', { count: h.onCallCount })}
          </Badge>
        </Group>
      </Group>
      <Anchor component={Link} href={onCallHref} size="sm" mt={4} display="inline-block">
        {t('hubs.seeOnCall')}
      </Anchor>
    </Paper>
  );
}
