import { Button, Group, NativeSelect, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { useFacilityLabel } from '../facilities/use-facility-label';
import { ProvinceSelect } from '../geo/ProvinceSelect';
import { registryOptions, specialtyOptions, withAny } from '../registry/labels';
import type { DirectoryFilters as Filters } from './practitioners.api';

const EMPTY: Filters = { q: '', specialty: '', facilityId: '', provinceCode: '', language: '', profession: '', onCall: '' };

/** Search and filters of the practitioner directory; choices apply at once, the text on Enter. */
export function DirectoryFilters({ value, onApply }: { value: Filters; onApply: (next: Filters) => void }) {
  const t = useT();
  const [q, setQ] = useState(value.q);
  const [appliedQ, setAppliedQ] = useState(value.q);
  if (appliedQ !== value.q) {
    setAppliedQ(value.q);
    setQ(value.q);
  }
  const facilityLabel = useFacilityLabel(value.facilityId ? [value.facilityId] : []);
  const options = registryOptions(t);
  const any = t('filter.any');
  const set = (field: keyof Filters) => (next: string) => onApply({ ...value, q, [field]: next });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    onApply({ ...value, q: q.trim() });
  }

  return (
    <form onSubmit={submit} role="search" aria-label={t('directory.search')}>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('directory.search')}
            placeholder={t('directory.search.placeholder')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            style={{ flex: '1 1 260px' }}
            data-testid="directory-search"
          />
          <Button type="submit" variant="light">
            {t('filter.search')}
          </Button>
        </Group>
        <SimpleGrid type="container" cols={{ base: 1, '30rem': 2, '56rem': 3 }} spacing="sm">
          <NativeSelect
            label={t('practitioner.specialty')}
            value={value.specialty}
            onChange={(e) => set('specialty')(e.currentTarget.value)}
            data={withAny(any, specialtyOptions(t.locale))}
            data-testid="directory-specialty"
          />
          <ProvinceSelect label={t('facility.province')} value={value.provinceCode} onChange={set('provinceCode')} anyLabel={any} />
          <FacilitySelect
            label={t('practitioner.facility')}
            value={value.facilityId}
            onChange={set('facilityId')}
            options={[
              { value: '', label: any },
              ...(value.facilityId ? [{ value: value.facilityId, label: facilityLabel(value.facilityId) }] : []),
            ]}
            searchDirectory
            testId="directory-facility"
          />
          <NativeSelect
            label={t('practitioner.language')}
            value={value.language}
            onChange={(e) => set('language')(e.currentTarget.value)}
            data={withAny(any, options.languages)}
          />
          <NativeSelect
            label={t('practitioner.profession')}
            value={value.profession}
            onChange={(e) => set('profession')(e.currentTarget.value)}
            data={withAny(any, options.professions)}
          />
        </SimpleGrid>
        <Group justify="space-between">
          <Switch
            label={t('directory.onCallNow')}
            checked={value.onCall === 'true'}
            onChange={(e) => set('onCall')(e.currentTarget.checked ? 'true' : '')}
            data-testid="directory-oncall"
          />
          <Button variant="subtle" size="compact-sm" onClick={() => onApply(EMPTY)}>
            {t('filter.reset')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
