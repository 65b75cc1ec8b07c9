import { Anchor, Badge, Button, Skeleton, Table, Text } from '@mantine/core';
import type { AuditEventView, AuditOutcome } from '@vuonxa/core';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { actionLabel, shortId } from './audit-labels';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { success: 'green', denied: 'orange', failure: 'red' };

interface Props {
  items: readonly AuditEventView[];
  loading: boolean;
  facilityLabel: (facilityId: string | null) => string;
  onActor: (actorUserId: string) => void;
  onDetails: (event: AuditEventView) => void;
}

/**
 * The audit events, newest first. The table scrolls sideways inside its container, so a tablet in
 * portrait (800 px) never scrolls the whole page horizontally.
 */
export function AuditTable({ items, loading, facilityLabel, onActor, onDetails }: Props) {
  const t = useT();
  const rows = items.map((e) => (
    <Table.Tr key={e.id}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, t.locale)}</Table.Td>
      <Table.Td>
        {e.actorUserId ? (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => e.actorUserId && onActor(e.actorUserId)}
            title={t('audit.filterByActor')}
          >
            {e.actorName ?? shortId(e.actorUserId)}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            {e.actorName ?? t('audit.actor.none')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{actionLabel(t, e.action)}</Table.Td>
      <Table.Td>
        <Badge color={OUTCOME_COLORS[e.outcome]} variant="light" style={{ overflow: 'visible' }} miw="fit-content">
          {t(`audit.outcome.${e.outcome}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {e.entityType ? (
          <Text size="sm">
            {e.entityType}
            {e.entityId && (
              <Text span size="xs" c="dimmed" ff="monospace" ml={4}>
                {shortId(e.entityId)}
              </Text>
            )}
          </Text>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>{e.actingFacilityId ? facilityLabel(e.actingFacilityId) : '—'}</Table.Td>
      <Table.Td ff="monospace" fz="xs">
        {e.ip ?? '—'}
      </Table.Td>
      <Table.Td>
        <Button size="compact-xs" variant="subtle" onClick={() => onDetails(e)}>
          {t('audit.details')}
        </Button>
      </Table.Td>
    </Table.Tr>
  ));

  const skeleton = Array.from({ length: 5 }, (_, i) => (
    <Table.Tr key={`s${i}`}>
      <Table.Td colSpan={8}>
        <Skeleton h={20} />
      </Table.Td>
    </Table.Tr>
  ));

  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table striped highlightOnHover verticalSpacing="xs" aria-busy={loading} data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.col.at')}</Table.Th>
            <Table.Th>{t('audit.col.actor')}</Table.Th>
            <Table.Th>{t('audit.col.action')}</Table.Th>
            <Table.Th>{t('audit.col.outcome')}</Table.Th>
            <Table.Th>{t('audit.col.entity')}</Table.Th>
            <Table.Th>{t('audit.col.facility')}</Table.Th>
            <Table.Th>{t('audit.col.ip')}</Table.Th>
            <Table.Th>{t('audit.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading ? skeleton : rows}
          {!loading && items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>
                <Text c="dimmed" ta="center" py="md">
                  {t('audit.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
