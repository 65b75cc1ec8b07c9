import { Button, Group, Stack, Title } from '@mantine/core';
import { useMemo } from 'react';
import { usePagedList } from '../../api/use-paged-list';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { QueryError } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import { Link, navigate, useSearchParams } from '../../router';
import { useMe } from '../auth/use-session';
import { facilitiesApi, facilityFiltersFrom, facilityFiltersToSearch } from './facilities.api';
import type { FacilityFilters as Filters } from './facilities.api';
import { FacilityFilters } from './FacilityFilters';
import { FacilityTable } from './FacilityTable';

/** The facility registry (`facility.read`): search by name or code, filter, page by "load more". */
export function FacilitiesPage() {
  const t = useT();
  const me = useMe();
  const params = useSearchParams();
  const filters = useMemo(() => facilityFiltersFrom(params), [params]);
  const key = facilityFiltersToSearch(filters);
  const list = usePagedList(key, (cursor, signal) => facilitiesApi.list(filters, cursor, signal));
  const apply = (next: Filters) => navigate(`/facilities${facilityFiltersToSearch(next)}`, { replace: true, keepScroll: true });

  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('facilities.title')}
        </Title>
        {me.permissions.includes('facility.create') && (
          <Button component={Link} href="/facilities/new" data-testid="facility-create">
            {t('facility.new')}
          </Button>
        )}
      </Group>
      <FacilityFilters value={filters} onApply={apply} />
      {list.error !== undefined && <QueryError error={list.error} onRetry={list.reload} />}
      <FacilityTable items={list.items} loading={list.loading} />
      <PagedTableFooter list={list} moreTestId="facility-more" />
    </Stack>
  );
}
