import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { ProvinceSelect } from '../geo/ProvinceSelect';
import { registryOptions, specialtyOptions, withAny } from '../registry/labels';
import { EMPTY_FACILITY_FILTERS } from './facilities.api';
import type { FacilityFilters as Filters } from './facilities.api';

/**
 * Search and filters of the facility list. Choices apply at once; the text applies on Enter or "Search",
 * so typing does not send a request per letter.
 */
export function FacilityFilters({ value, onApply }: { value: Filters; onApply: (next: Filters) => void }) {
  const t = useT();
  const [q, setQ] = useState(value.q);
  // The applied text can change from outside (reset, back/forward): follow it without remounting the form,
  // which would take the focus away from the select just used.
  const [appliedQ, setAppliedQ] = useState(value.q);
  if (appliedQ !== value.q) {
    setAppliedQ(value.q);
    setQ(value.q);
  }
  const options = registryOptions(t);
  const any = t('filter.any');
  const set = (field: keyof Filters) => (next: string) => onApply({ ...value, q, [field]: next });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    onApply({ ...value, q: q.trim() });
  }

  return (
    <form onSubmit={submit} role="search" aria-label={t('facilities.search')}>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('facilities.search')}
            placeholder={t('facilities.search.placeholder')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            style={{ flex: '1 1 260px' }}
            data-testid="facility-search"
          />
          <Button type="submit" variant="light">
            {t('filter.search')}
          </Button>
        </Group>
        <SimpleGrid type="container" cols={{ base: 1, '30rem': 2, '56rem': 3, '80rem': 5 }} spacing="sm">
          <ProvinceSelect label={t('facility.province')} value={value.provinceCode} onChange={set('provinceCode')} anyLabel={any} />
          <NativeSelect
            label={t('facility.type')}
            value={value.type}
            onChange={(e) => set('type')(e.currentTarget.value)}
            data={withAny(any, options.facilityTypes)}
          />
          <NativeSelect
            label={t('facility.level')}
            value={value.technicalLevel}
            onChange={(e) => set('technicalLevel')(e.currentTarget.value)}
            data={withAny(any, options.technicalLevels)}
          />
          <NativeSelect
            label={t('facility.specialty')}
            value={value.specialty}
            onChange={(e) => set('specialty')(e.currentTarget.value)}
            data={withAny(any, specialtyOptions(t.locale))}
          />
          <NativeSelect
            label={t('facility.country')}
            value={value.country}
            onChange={(e) => set('country')(e.currentTarget.value)}
            data={withAny(any, options.countries)}
          />
        </SimpleGrid>
        <Group justify="space-between">
          <Checkbox
            label={t('facilities.includeInactive')}
            checked={value.includeInactive === 'true'}
            onChange={(e) => set('includeInactive')(e.currentTarget.checked ? 'true' : '')}
          />
          <Button variant="subtle" size="compact-sm" onClick={() => onApply(EMPTY_FACILITY_FILTERS)}>
            {t('filter.reset')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
