import { Button, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { usePagedList } from '../../api/use-paged-list';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { QueryError } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import { Link, navigate, useSearchParams } from '../../router';
import { useRights } from '../auth/use-can';
import { DirectoryFilters } from './DirectoryFilters';
import { PractitionerCard } from './PractitionerCard';
import { directoryFiltersFrom, directoryFiltersToSearch, practitionersApi } from './practitioners.api';
import type { DirectoryFilters as Filters } from './practitioners.api';

/** The practitioner directory (`practitioner.read`): who can help, where, in which language, on call now. */
export function DirectoryPage() {
  const t = useT();
  const rights = useRights();
  const params = useSearchParams();
  const filters = useMemo(() => directoryFiltersFrom(params), [params]);
  const key = directoryFiltersToSearch(filters);
  const list = usePagedList(key, (cursor, signal) => practitionersApi.list(filters, cursor, signal));
  const apply = (next: Filters) => navigate(`/directory${directoryFiltersToSearch(next)}`, { replace: true, keepScroll: true });

  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('directory.title')}
        </Title>
        {rights.anywhere('practitioner.manage') && (
          <Button component={Link} href="/practitioners/new" data-testid="practitioner-create">
            {t('practitioner.new')}
          </Button>
        )}
      </Group>
      <DirectoryFilters value={filters} onApply={apply} />
      {list.error !== undefined && <QueryError error={list.error} onRetry={list.reload} />}
      <SimpleGrid
        type="container"
        cols={{ base: 1, '36rem': 2, '72rem': 3 }}
        spacing="sm"
        aria-busy={list.loading}
        data-testid="directory-results"
      >
        {list.loading && [0, 1, 2, 3].map((i) => <Skeleton key={i} h={150} />)}
        {list.items.map((p) => (
          <PractitionerCard key={p.id} practitioner={p} />
        ))}
      </SimpleGrid>
      {!list.loading && list.items.length === 0 && list.error === undefined && (
        <Text c="dimmed" ta="center" py="md" data-testid="directory-empty">
          {t('directory.empty')}
        </Text>
      )}
      <PagedTableFooter list={list} moreTestId="directory-more" />
    </Stack>
  );
}
