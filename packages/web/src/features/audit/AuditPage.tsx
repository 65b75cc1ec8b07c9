import { Stack, Title } from '@mantine/core';
import type { AuditEventView } from '@vuonxa/core';
import { useMemo, useState } from 'react';
import { usePagedList } from '../../api/use-paged-list';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { QueryError } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import { navigate, useSearch } from '../../router';
import { useFacilityLabel } from '../facilities/use-facility-label';
import { auditApi, filtersFromSearch, filtersToSearch } from './audit.api';
import type { AuditFilters } from './audit.api';
import { AuditDetailModal } from './AuditDetailModal';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable } from './AuditTable';

/** The audit log (permission `audit.read`): who did what, where, with what outcome. */
export function AuditPage() {
  const t = useT();
  const search = useSearch();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const key = filtersToSearch(filters);
  const list = usePagedList(key, (cursor, signal) => auditApi.search(filters, cursor, signal));
  const [detail, setDetail] = useState<AuditEventView | null>(null);
  const facilityLabel = useFacilityLabel(list.items.map((e) => e.actingFacilityId));

  const apply = (next: AuditFilters) => navigate(`/audit${filtersToSearch(next)}`, { replace: true });

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('audit.title')}
      </Title>
      {/* Remounted when the applied filters change from outside the form (an actor clicked in the table). */}
      <AuditFiltersForm key={key} value={filters} onApply={apply} />
      {list.error !== undefined && <QueryError error={list.error} onRetry={list.reload} />}
      <AuditTable
        items={list.items}
        loading={list.loading}
        facilityLabel={facilityLabel}
        onActor={(actorUserId) => apply({ ...filters, actorUserId })}
        onDetails={setDetail}
      />
      <PagedTableFooter list={list} moreTestId="audit-more" />
      <AuditDetailModal event={detail} onClose={() => setDetail(null)} />
    </Stack>
  );
}
