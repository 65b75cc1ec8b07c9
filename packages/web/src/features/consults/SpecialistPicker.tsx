import { Badge, Checkbox, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { SpecialtyCode } from '@vuonxa/core';
import { useMemo } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import { isSpecialty, specialtyName } from '../registry/labels';
import { consultsApi } from './consults.api';

interface Props {
  hubId: string;
  specialty: SpecialtyCode | null;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}

/** The hub's specialists of the request's specialty as checkboxes, those on call now first. */
export function SpecialistPicker({ hubId, specialty, value, onChange, error }: Props) {
  const t = useT();
  const list = useQuery(`specialists:${hubId}:${specialty ?? ''}`, (signal) => consultsApi.specialists(hubId, specialty, signal));
  const sorted = useMemo(
    () => [...(list.data ?? [])].sort((a, b) => Number(b.onCallNow) - Number(a.onCallNow) || a.name.localeCompare(b.name, t.locale)),
    [list.data, t.locale],
  );
  return (
    <QueryState query={list} skeleton={<Skeleton h={96} />}>
      {() =>
        sorted.length === 0 ? (
          <Text size="sm" c="orange.9">
            {t('case.specialists.none')}
          </Text>
        ) : (
          <Checkbox.Group label={t('case.specialists.label')} value={value} onChange={onChange} error={error} withAsterisk>
            <Stack gap="xs" mt="xs">
              {sorted.map((s) => (
                <Checkbox
                  key={s.id}
                  value={s.id}
                  data-testid={`specialist-option-${s.id}`}
                  label={
                    <Group gap={6}>
                      <Text size="sm" fw={500}>
                        {s.name}
                      </Text>
                      {s.onCallNow && (
                        <Badge color="green.8" size="sm" tt="none">
                          {t('case.specialists.onCall')}
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed">
                        {s.specialties.map((c) => (isSpecialty(c) ? specialtyName(c, t.locale) : c)).join(', ')}
                      </Text>
                    </Group>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )
      }
    </QueryState>
  );
}
