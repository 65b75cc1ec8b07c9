import { Anchor, Table, Text } from '@mantine/core';
import type { PatientSummary } from '@vuonxa/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useQuery } from '../../api/use-query';
import type { QueryResult } from '../../api/use-query';
import { ListTable } from '../../components/ListTable';
import { QueryError } from '../../components/QueryState';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { patientsApi } from './patients.api';

/** The server wants at least two characters. */
export const MIN_PATIENT_QUERY = 2;

/**
 * Patients matching `q` (debounced), at `facilityId` or at any of the caller's facilities.
 *
 * @example
 * const results = usePatientSearch(q, me.activeFacilityId);
 */
export function usePatientSearch(q: string, facilityId: string | null): QueryResult<PatientSummary[]> & { ready: boolean } {
  const [debounced] = useDebouncedValue(q.trim(), 350);
  const ready = debounced.length >= MIN_PATIENT_QUERY;
  const query = useQuery(`patients:${facilityId ?? ''}:${debounced}`, (signal) =>
    ready ? patientsApi.search(debounced, facilityId, signal) : Promise.resolve([]),
  );
  return { ...query, loading: query.loading || debounced !== q.trim(), ready };
}

interface Props {
  results: ReturnType<typeof usePatientSearch>;
  /** The last cell of a row (a "choose" button); the name links to the record when omitted. */
  action?: (p: PatientSummary) => ReactNode;
  testId?: string;
}

/** Search results with identifiers masked (last 4 characters): enough to tell two people apart. */
export function PatientSearchResults({ results, action, testId }: Props) {
  const t = useT();
  if (!results.ready) {
    return (
      <Text size="sm" c="dimmed">
        {t('patient.search.hint')}
      </Text>
    );
  }
  if (results.error !== undefined) return <QueryError error={results.error} onRetry={results.reload} />;
  const items = results.data ?? [];
  const headers = [t('patient.fullName'), t('patient.birthDate'), t('patient.sex'), t('patient.citizenId'), t('patient.insuranceNumber')];
  return (
    <ListTable
      headers={action ? [...headers, ''] : headers}
      loading={results.loading && results.data === undefined}
      isEmpty={items.length === 0}
      empty={t('patient.search.empty')}
      minWidth={action ? 680 : 600}
      testId={testId}
    >
      {items.map((p) => (
        <Table.Tr key={p.id} data-testid="patient-row">
          <Table.Td>
            {action ? (
              <Text size="sm" fw={600}>
                {p.fullName}
              </Text>
            ) : (
              <Anchor component={Link} href={`/patients/${encodeURIComponent(p.id)}`} size="sm" fw={600}>
                {p.fullName}
              </Anchor>
            )}
          </Table.Td>
          <Table.Td>{formatDate(p.birthDate, t.locale)}</Table.Td>
          <Table.Td>{t(`patient.sex.${p.sex}`)}</Table.Td>
          <Table.Td ff="monospace">{p.citizenIdMasked ?? '—'}</Table.Td>
          <Table.Td ff="monospace">{p.insuranceMasked ?? '—'}</Table.Td>
          {action && <Table.Td ta="right">{action(p)}</Table.Td>}
        </Table.Tr>
      ))}
    </ListTable>
  );
}
